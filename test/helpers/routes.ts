// Every route the app serves, read from Fastify's route tree: tests that must cover each route (or
// fail when a new one appears without a rule) start here.
import type { FastifyInstance } from 'fastify';

export interface RouteEntry {
  method: string;
  url: string;
}

/** Parses `printRoutes({ commonPrefix: false })`: one node per line, indented four columns a level. */
export function listRoutes(app: FastifyInstance): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const pathAtDepth: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = depth > 0 ? pathAtDepth[depth - 1]! : '';
    const segment = match[2]!;
    const path = parent.endsWith('/') || segment.startsWith('/') ? parent + segment : `${parent}/${segment}`;
    pathAtDepth[depth] = path;
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url: path });
  }
  return routes;
}
