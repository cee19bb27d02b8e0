// One load run with autocannon: a fixed number of connections for a fixed time, every response timed.
import autocannon from 'autocannon';
import { cpuMsOf } from './child.js';

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * One path and extra headers per connection, the first connection the first (they are reused when
   * there are more connections): with as many as there are connections, no two requests in flight are
   * the same one's. (Handing each request to the next one in turn did not ensure that: a slow answer
   * was still in flight when its writer's turn came again on another connection.)
   */
  perConnection?: ReadonlyArray<{ path: string; headers: Record<string, string> }>;
}

/**
 * autocannon's hook on each connection: its bodies are not collected. autocannon (9.x) appends every
 * response chunk to a string (PipelinedRequestsQueue.addBody) for hooks this bench does not use; decoding
 * the forum's UTF-8 pages that way cost the load generator, on the same two cores, several times what
 * serving them cost the baseline, so a large page's req/s measured the generator more than either server.
 * Bytes are still counted and every response timed.
 */
function skipBodies(client: object): void {
  const queue = (client as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (typeof queue?.addBody !== 'function')
    throw new Error("autocannon's client no longer collects bodies where the bench expects (pipelinedRequests.addBody)");
  queue.addBody = () => {};
}

/** autocannon's hook on each connection (set up before it connects): bodies skipped, and its own request of `perConnection`. */
function setUpConnections(request: LoadRequest): (client: autocannon.Client) => void {
  let connections = 0;
  return (client) => {
    skipBodies(client);
    if (!request.perConnection) return;
    const own = request.perConnection[connections++ % request.perConnection.length]!;
    client.setRequests([{ method: request.method ?? 'GET', path: own.path, headers: { ...request.headers, ...own.headers }, body: request.body }]);
  };
}

export interface LoadOptions {
  connections: number;
  /** Seconds. */
  duration: number;
  /** The server's process, whose CPU time the slice reads (the forum's Node; PostgreSQL runs apart). */
  serverPid?: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Milliseconds, from every response's own timing (autocannon's histogram rounds to whole ms). */
  p50: number;
  p99: number;
  requests: number;
  /** Responses outside 2xx, plus connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  /** CPU time (user + system, the kernel's socket writes included) the server used per request, ms. */
  serverCpuMsPerRequest: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** One stretch of load; a scenario's figures are summed over its slices (see run.ts: rounds). */
export interface Slice {
  /** Every response's time, ms. */
  times: number[];
  requests: number;
  seconds: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** The server's CPU time during the slice, ms (0 without `serverPid`). */
  serverCpuMs: number;
}

export async function loadSlice(request: LoadRequest, options: LoadOptions): Promise<Slice> {
  const times: number[] = [];
  const cpuBefore = options.serverPid === undefined ? 0 : cpuMsOf(options.serverPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        connections: options.connections,
        duration: options.duration,
        timeout: 30,
        setupClient: setUpConnections(request),
      },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return {
    times,
    requests: result.requests.total,
    seconds: result.duration,
    errors: result.non2xx + result.errors + result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0])),
    serverCpuMs: options.serverPid === undefined ? 0 : cpuMsOf(options.serverPid) - cpuBefore,
  };
}

export function summarize(slices: readonly Slice[]): LoadResult {
  const sorted = Float64Array.from(slices.flatMap((slice) => slice.times)).sort();
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const statusCodes: Record<string, number> = {};
  for (const slice of slices) for (const [code, count] of Object.entries(slice.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests,
    errors: slices.reduce((sum, slice) => sum + slice.errors, 0),
    statusCodes,
    seconds,
    serverCpuMsPerRequest: requests > 0 ? slices.reduce((sum, slice) => sum + slice.serverCpuMs, 0) / requests : 0,
  };
}
