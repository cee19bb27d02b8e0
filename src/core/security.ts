// Headers and the cross-site check every request passes before any feature sees it.
import { IncomingMessage, type ServerResponse } from 'node:http';
import helmet from 'helmet';
import fp from 'fastify-plugin';
import { ForbiddenError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a request says it comes from: Origin, else Referer's origin; undefined when neither. */
export function claimedOrigin(headers: { origin?: string; referer?: string }): string | undefined {
  if (headers.origin) return headers.origin;
  if (!headers.referer) return undefined;
  try {
    return new URL(headers.referer).origin;
  } catch {
    return 'invalid';
  }
}

/** The spellings of this machine that a browser may show in an address bar. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins allowed to send forms: PUBLIC_URL's, and when that names this machine (localhost,
 * 127.0.0.1, [::1]) every loopback spelling of it with the same scheme and port, since the log and a
 * bookmark may name either and both reach the same server. Any other host allows only itself.
 */
export function allowedOrigins(publicUrl: URL): ReadonlySet<string> {
  let origins = originsOf.get(publicUrl);
  if (!origins) {
    const port = publicUrl.port ? `:${publicUrl.port}` : '';
    const loopback = LOOPBACK_HOSTS.includes(publicUrl.hostname) ? LOOPBACK_HOSTS.map((host) => `${publicUrl.protocol}//${host}${port}`) : [];
    origins = new Set([publicUrl.origin, ...loopback]);
    originsOf.set(publicUrl, origins);
  }
  return origins;
}
/** Worked out once per configuration: every page's language switch and every refused request asks. */
const originsOf = new WeakMap<URL, ReadonlySet<string>>();

/** The headers a helmet middleware sets, read by running it once on a response that only records them. */
function securityHeaders(middleware: ReturnType<typeof helmet>): Readonly<Record<string, string>> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let finished = false as boolean;
  let failure: unknown;
  middleware(Object.create(IncomingMessage.prototype) as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    finished = true;
    failure = error;
  });
  if (!finished || failure !== undefined) throw new Error('helmet did not set its headers at once', { cause: failure });
  return Object.freeze(Object.fromEntries(headers));
}

export const securityPlugin = fp(
  async (app) => {
    const https = app.config.publicUrl.protocol === 'https:';
    // Helmet's headers, worked out once: its directives hold no per-request part (no nonce), so every
    // response gets the same. Set through Fastify's own headers: helmet's middleware set each on the raw
    // response one by one, and a raw response holding headers made Node set every other header one by
    // one too (4 % of a member's board page's CPU time); helmet had also made the policy anew each time.
    const headers = securityHeaders(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            // Posts may show images from anywhere on the web; everything else stays on this site.
            imgSrc: ["'self'", 'https:', 'http:', 'data:'],
            connectSrc: ["'self'", https ? 'wss:' : 'ws:'],
            objectSrc: ["'none'"],
            frameAncestors: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            ...(https ? { upgradeInsecureRequests: [] } : {}),
          },
        },
        referrerPolicy: { policy: 'same-origin' },
        strictTransportSecurity: https ? { maxAge: 31536000 } : false,
      }),
    );
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });

    const allowed = allowedOrigins(app.config.publicUrl);
    // Browsers name the page a form was sent from; a different one is cross-site request forgery.
    // Scripts send neither header and pass: they carry no browser's cookies unless given them.
    app.addHook('onRequest', (request, _reply, done) => {
      if (SAFE_METHODS.has(request.method)) {
        done();
        return;
      }
      const origin = claimedOrigin(request.headers);
      done(origin !== undefined && !allowed.has(origin) ? new ForbiddenError('errors.crossSite') : undefined);
    });
  },
  { name: 'security', dependencies: ['http'] },
);
