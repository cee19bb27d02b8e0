// npm run bench:live [-- --quick] [--clients N] [--replies N] [--idle 1000,5000] [--profile] [--pglite]
// npm run bench:live-abuse [-- --edits N] [--subscribes N] [--observe S]   (the same as --only abuse)
//
// Measures the live feed (GET /live) on a fresh database: one account, one network, one thread, the
// forum in a child process (compiled, plain node, RATE_LIMITS=off), and websocket clients in this
// process subscribed to the thread.
//   1. One instance, N clients: for each of R replies posted one after another, the time from just
//      before POST /t/:id/replies to the moment the LAST client received that post's post.created.
//   2. Two instances on the same database, clients split half and half, every reply posted to A:
//      the same measurement, the event crossing instances through LISTEN/NOTIFY.
//   3. RSS (VmRSS) of a fresh server with 0 and then each --idle count of subscribed, idle connections.
//   abuse (only when asked for): a fresh server, a long post edited --edits times, then one websocket
//      that sends --subscribes × {"type":"subscribe","topic":"thread:N","since":0} and never reads.
//      The server's RSS and /healthz latency before, during and after, until the server is idle again.
// Prints a Markdown table and writes bench/results/live-<date>.json. The database is dropped at the
// end, whatever happens. The clients run in this process, on the same cores as the servers.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { createDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { buildServers, type Build } from './build.js';
import { cpuMsOf, productionEnvironment, productionNodeOptions, rssOf, startChild, type Child } from './child.js';
import { onCleanUp, runBench } from './cleanup.js';
import { createBenchDatabase, type BenchDatabase } from './database.js';
import { postJson, register } from './forum-client.js';
import { numberArg } from './options.js';
import { distribution, fixed, integer, log, machineInfo, markdownTable, writeResults, type Distribution } from './report.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

// ---- Options ----------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    clients: { type: 'string' },
    replies: { type: 'string' },
    warmup: { type: 'string' },
    idle: { type: 'string' },
    'idle-seconds': { type: 'string' },
    only: { type: 'string' },
    edits: { type: 'string' },
    subscribes: { type: 'string' },
    observe: { type: 'string' },
    pglite: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'heap-snapshot': { type: 'boolean', default: false },
    'node-options': { type: 'string', default: '' },
    'log-level': { type: 'string', default: 'info' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench:live -- [options]
  --quick            200 clients, 20 replies, 1,000 idle connections: a smoke run in under a minute
  --clients N        websocket clients subscribed to the thread in scenarios 1 and 2 (default 1000)
  --replies N        replies posted and timed per scenario (default 100)
  --warmup N         replies posted first and not counted, per scenario (default 5, 3 with --quick)
  --idle a,b         idle connection counts for the RSS scenario (default 1000,5000; 1000 with --quick)
  --idle-seconds S   how long the server and its idle connections sit before RSS is read (default 30,
                     3 with --quick): V8 gives back its young generation and collects what the
                     connections' opening left once the process has been idle for some seconds (README:
                     Performance, Live updates). RSS is also read 5 s after the connections open.
  --only 1,floor,2,3 only these scenarios: 1 one instance, floor (a bare ws server relaying the same
                     message to as many clients: what this machine can do at best), 2 two
                     instances, 3 idle RSS, abuse (below) (default all but abuse)
  --edits N          abuse: how often the long post is edited before the attack (default 400)
  --subscribes N     abuse: subscribe messages the hostile client sends (default 30)
  --observe S        abuse: at most this long, the server is watched until it is idle again (default 120)
  --pglite           use PGlite even when DATABASE_URL is set (one instance only: scenario 2 is skipped)
  --profile          run the servers with --cpu-prof; profiles go to bench/results/profiles/
  --heap-snapshot    write a heap snapshot of the idle server at the largest --idle count, to the same place
  --log-level L      the forum's LOG_LEVEL (default info, as in production)
  --node-options="…" flags for the forum's node processes, after those of \`npm start\` (later ones win)
DATABASE_URL=postgres://… names the PostgreSQL server to create the benchmark database on.`);
  process.exit(0);
}

const options = {
  quick: args.quick,
  clients: numberArg('clients', args.clients, args.quick ? 200 : 1000, { min: 2, max: 20_000, whole: true }),
  replies: numberArg('replies', args.replies, args.quick ? 20 : 100, { min: 1, max: 10_000, whole: true }),
  warmup: numberArg('warmup', args.warmup, args.quick ? 3 : 5, { min: 0, max: 1000, whole: true }),
  idle: (args.idle ?? (args.quick ? '1000' : '1000,5000'))
    .split(',')
    .map((n) => numberArg('idle', n.trim(), 0, { min: 1, max: 50_000, whole: true }))
    .sort((a, b) => a - b),
  idleSeconds: numberArg('idle-seconds', args['idle-seconds'], args.quick ? 3 : 30, { min: 0, max: 600, whole: true }),
  only: new Set((args.only ?? '1,floor,2,3').split(',').map((s) => s.trim())),
  edits: numberArg('edits', args.edits, 400, { min: 0, max: 100_000, whole: true }),
  subscribes: numberArg('subscribes', args.subscribes, 30, { min: 1, max: 10_000, whole: true }),
  observeSeconds: numberArg('observe', args.observe, 120, { min: 5, max: 3600, whole: true }),
  profile: args.profile,
  heapSnapshot: args['heap-snapshot'],
  logLevel: args['log-level'],
  nodeOptions: [...productionNodeOptions(), ...args['node-options'].split(/\s+/).filter(Boolean)],
};

const TARGETS = { oneInstanceP99Ms: 50, twoInstancesP99Ms: 100, idleRssMB: 130, idleRssAt: 5000 };
/** When RSS is read first after the connections open, before the server has sat idle. */
const SOON_AFTER_OPENING_SECONDS = 5;

// ---- Child processes --------------------------------------------------------------------------

// Preloaded into every child, without touching the server's own entry point (bench/server.ts):
// answers {type:'gc'} with a full collection and {type:'heap-snapshot', dir} with a snapshot's path.
const CHILD_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeHeapSnapshot } from 'node:v8'; import { join } from 'node:path';" +
    "process.on('message', (m) => {" +
    "  if (m?.type === 'gc') { globalThis.gc(); process.send({ type: 'gc-done' }); }" +
    "  if (m?.type === 'heap-snapshot') process.send({ type: 'heap-snapshot-done', file: writeHeapSnapshot(join(m.dir, `heap-${process.pid}-${Date.now()}.heapsnapshot`)) });" +
    '});',
)}`;

/** A child started with --expose-gc and the hook above. */
function startHookedChild(name: string, file: string, env: NodeJS.ProcessEnv, execArgv: string[]): Promise<Child> {
  return startChild(name, file, env, ['--expose-gc', `--import=${CHILD_HOOK}`, ...execArgv]);
}

/** A full garbage collection in the (hooked) child. */
async function collectGarbage(child: Child): Promise<void> {
  await child.ask({ type: 'gc' }, 'gc-done', 30_000);
}

/** A heap snapshot of the (hooked) child, written into `dir`; resolves with the file's path. */
async function writeHeapSnapshot(child: Child, dir: string): Promise<string> {
  return (await child.ask<{ file: string }>({ type: 'heap-snapshot', dir }, 'heap-snapshot-done', 120_000)).file;
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

// ---- The forum: one account, one network, one thread -----------------------------------------

const REPLY_BODY =
  'Tack för tipset! Vi provade **samma upplägg** förra sommaren:\n\n- boka i god tid\n- fråga efter gruppris\n\nSe [kartan](https://example.se/karta) för bryggorna.';

// ---- Websocket clients ------------------------------------------------------------------------

/** Where each post's post.created has reached: how many clients have it, and when the first and last did. */
interface Arrivals {
  count: number;
  first: number;
  last: number;
  done?: () => void;
}

class Clients {
  readonly sockets: WebSocket[] = [];
  /** post.created messages received per client, to check for none missed and no duplicate. */
  readonly received: number[] = [];
  readonly arrivals = new Map<number, Arrivals>();
  unexpected = 0;
  /** The first post.created received, as sent: what the floor scenario sends. */
  sample: string | undefined;

  constructor(private readonly topic: string) {}

  get size(): number {
    return this.sockets.length;
  }

  /** Opens `count` connections to `url`, `parallel` at a time, each subscribed before it counts. */
  async connect(url: string, count: number, parallel = 100): Promise<void> {
    let left = count;
    const worker = async () => {
      while (left > 0) {
        left -= 1;
        await this.#open(url);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  }

  #open(url: string): Promise<void> {
    const index = this.sockets.length;
    const socket = new WebSocket(url, { perMessageDeflate: false });
    this.sockets.push(socket);
    this.received.push(0);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`client ${index} was not subscribed within 30 s`)), 30_000);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', topic: this.topic })));
      let subscribed = false;
      socket.on('message', (data: Buffer) => {
        // Kept cheap, since the clients share the cores with the servers: post.created is found
        // and its post id read straight from the bytes; everything else is parsed.
        const at = data.indexOf(POST_ID_MARK);
        if (at >= 0 && data.indexOf(CREATED_MARK) >= 0) {
          const now = performance.now();
          let id = 0;
          for (let i = at + POST_ID_MARK.length; i < data.length; i++) {
            const digit = data[i]! - 48;
            if (digit < 0 || digit > 9) break;
            id = id * 10 + digit;
          }
          this.received[index]! += 1;
          this.sample ??= data.toString();
          let arrivals = this.arrivals.get(id);
          if (!arrivals) this.arrivals.set(id, (arrivals = { count: 0, first: now, last: now }));
          arrivals.count += 1;
          if (now < arrivals.first) arrivals.first = now;
          arrivals.last = now;
          if (arrivals.count === this.sockets.length) arrivals.done?.();
          return;
        }
        const message = JSON.parse(data.toString()) as { type?: string };
        if (message.type === 'subscribed' && !subscribed) {
          subscribed = true;
          clearTimeout(timer);
          socket.off('error', reject);
          socket.on('error', () => (this.unexpected += 1));
          resolve();
        } else {
          this.unexpected += 1;
        }
      });
    });
  }

  /** Resolves with the arrival times once every client has post `id`; rejects after `timeoutMs`. */
  allReceived(id: number, timeoutMs = 30_000): Promise<Arrivals> {
    let arrivals = this.arrivals.get(id);
    if (!arrivals) this.arrivals.set(id, (arrivals = { count: 0, first: Infinity, last: 0 }));
    const entry = arrivals;
    if (entry.count >= this.sockets.length) return Promise.resolve(entry);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`post ${id}: only ${entry.count} of ${this.sockets.length} clients received it within ${timeoutMs} ms`)),
        timeoutMs,
      );
      entry.done = () => {
        clearTimeout(timer);
        resolve(entry);
      };
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) {
              resolve();
              return;
            }
            socket.once('close', () => resolve());
            socket.close();
            setTimeout(() => {
              socket.terminate();
              resolve();
            }, 5_000).unref();
          }),
      ),
    );
  }
}

const POST_ID_MARK = Buffer.from('"post":{"id":');
const CREATED_MARK = Buffer.from('"type":"post.created"');

// ---- Abuse: one client that asks for much and reads nothing ------------------------------------

/** A post as long as a post may be (20,000 characters), in ordinary Markdown. */
const LONG_BODY = `${REPLY_BODY}\n\n`
  .repeat(Math.ceil(20_000 / (REPLY_BODY.length + 2)))
  .slice(0, 20_000)
  .trim();

/** A client-to-server text frame: masked, as the protocol requires; short payloads only. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('a short frame takes at most 125 bytes');
  const mask = randomBytes(4);
  const frame = Buffer.alloc(6 + payload.length);
  frame[0] = 0x81; // FIN, text
  frame[1] = 0x80 | payload.length; // masked
  mask.copy(frame, 2);
  for (let i = 0; i < payload.length; i++) frame[6 + i] = payload[i]! ^ mask[i % 4]!;
  return frame;
}

/**
 * Opens /live over a bare TCP socket, sends `messages`, and from then on reads nothing: the server's
 * output has nowhere to go but its own buffers. Resolves once the messages are written.
 */
async function hostileClient(port: number, messages: string[]): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    `GET /live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  let head = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.pause();
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  for (const message of messages) socket.write(maskedTextFrame(message));
  return socket;
}

/** Reads what the server left for the socket, until it ends or stays silent for a second; its byte count. */
async function drain(socket: net.Socket, maxMs: number): Promise<{ bytes: number; closedByServer: boolean }> {
  let bytes = 0;
  return new Promise((resolve) => {
    let silence: NodeJS.Timeout;
    const finish = (closedByServer: boolean) => {
      clearTimeout(silence);
      clearTimeout(cap);
      socket.destroy();
      resolve({ bytes, closedByServer });
    };
    const cap = setTimeout(() => finish(false), maxMs);
    const quiet = () => {
      clearTimeout(silence);
      silence = setTimeout(() => finish(false), 1000);
    };
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      quiet();
    });
    socket.once('end', () => finish(true));
    socket.once('close', () => finish(true));
    quiet();
    socket.resume();
  });
}

async function timeHealthz(server: Child): Promise<number> {
  const started = performance.now();
  const response = await fetch(server.url('/healthz'));
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
  return performance.now() - started;
}

interface AbuseResult {
  edits: number;
  subscribes: number;
  messageBytes: number;
  before: { rssMB: number; healthzMs: Distribution };
  during: { peakRssMB: number; healthzMs: Distribution; healthzRequests: number };
  /** From the first hostile message until the server used under 5 % of a core for two seconds running. */
  busySeconds: number;
  /** True when it was still busy at --observe seconds. */
  stillBusy: boolean;
  serverCpuSeconds: number;
  rssMBAfter: number;
  /** What reached the hostile socket once it read at last (kernel buffers included), and whether the server had closed it. */
  bytesToHostileClient: number;
  closedByServer: boolean;
}

async function abuse(server: Child, cookie: string, networkSlug: string): Promise<AbuseResult> {
  const thread = await postJson(server, `/n/${networkSlug}/threads`, cookie, { title: 'A thread with a long history', body: 'Where one post keeps changing.' });
  const threadId = thread.id as number;
  const long = await postJson(server, `/t/${threadId}/replies`, cookie, { body: LONG_BODY });
  const editsStarted = performance.now();
  for (let i = 1; i <= options.edits; i++) {
    await postJson(server, `/p/${long.id as number}/edit`, cookie, { body: `${LONG_BODY.slice(0, 19_990)} (${i})` }, 200);
    if (i % 100 === 0) log(`  ${i}/${options.edits} edits`);
  }
  log(`  a ${integer(LONG_BODY.length)}-character post edited ${options.edits} times in ${fixed((performance.now() - editsStarted) / 1000)} s`);

  await settle(1000);
  await collectGarbage(server);
  const healthzBefore: number[] = [];
  for (let i = 0; i < 20; i++) healthzBefore.push(await timeHealthz(server));
  const before = { rssMB: rssOf(server.process.pid!), healthzMs: distribution(healthzBefore) };
  log(`  before: RSS ${fixed(before.rssMB, 0)} MB, /healthz p50 ${fixed(before.healthzMs.p50)} ms`);

  const subscribe = JSON.stringify({ type: 'subscribe', topic: `thread:${threadId}`, since: 0 });
  const cpuBefore = cpuMsOf(server.process.pid!);
  const attacked = performance.now();
  const hostile = await hostileClient(
    server.port,
    Array.from({ length: options.subscribes }, () => subscribe),
  );
  log(`  ${options.subscribes} × ${Buffer.byteLength(subscribe)}-byte ${subscribe} sent; the client reads nothing`);

  // RSS every 100 ms; /healthz one request after another; CPU per second, until two idle seconds.
  let peakRssMB = rssOf(server.process.pid!);
  const sampler = setInterval(() => (peakRssMB = Math.max(peakRssMB, rssOf(server.process.pid!))), 100);
  const healthz: number[] = [];
  // An object, not a boolean: the loop's test would be taken as always true (the compiler does not see the change in another function).
  const watch = { on: true };
  const prober = (async () => {
    while (watch.on) {
      healthz.push(await timeHealthz(server));
      await settle(100);
    }
  })();
  let idleSeconds = 0;
  let busySeconds = 0;
  let lastCpu = cpuBefore;
  while (idleSeconds < 2 && busySeconds < options.observeSeconds) {
    await settle(1000);
    const cpu = cpuMsOf(server.process.pid!);
    idleSeconds = cpu - lastCpu < 50 ? idleSeconds + 1 : 0;
    lastCpu = cpu;
    busySeconds = (performance.now() - attacked) / 1000;
    if (Math.round(busySeconds) % 10 === 0)
      log(
        `  ${fixed(busySeconds, 0)} s: RSS ${fixed(rssOf(server.process.pid!), 0)} MB (peak ${fixed(peakRssMB, 0)}), ${healthz.length} /healthz answered, slowest ${fixed(Math.max(0, ...healthz), 0)} ms`,
      );
  }
  watch.on = false;
  await prober;
  clearInterval(sampler);
  const stillBusy = idleSeconds < 2;
  const result = {
    edits: options.edits,
    subscribes: options.subscribes,
    messageBytes: Buffer.byteLength(subscribe),
    before,
    during: { peakRssMB, healthzMs: distribution(healthz), healthzRequests: healthz.length },
    busySeconds: stillBusy ? busySeconds : busySeconds - idleSeconds,
    stillBusy,
    serverCpuSeconds: (cpuMsOf(server.process.pid!) - cpuBefore) / 1000,
    rssMBAfter: rssOf(server.process.pid!),
  };
  const drained = await drain(hostile, 60_000);
  return { ...result, bytesToHostileClient: drained.bytes, closedByServer: drained.closedByServer };
}

interface FanOutResult {
  scenario: string;
  instances: number;
  clients: number[];
  replies: number;
  warmup: number;
  /** Start of the POST to the last client receiving the post: the figure the target is about. */
  lastClientMs: Distribution;
  /** Start of the POST to the first client receiving it. */
  firstClientMs: Distribution;
  /** Start of the POST to its HTTP response; null for the floor, which posts nothing. */
  postResponseMs: Distribution | null;
  /** Bytes of one post.created message. */
  messageBytes: number;
  /** Raw samples, in posting order. */
  samples: Array<{ postId: number; responseMs: number | null; firstMs: number; lastMs: number }>;
  /** CPU time per timed reply, ms: each server, and this process (the clients). */
  cpuMsPerReply: { servers: number[]; clients: number };
  rssMBAfter: number[];
  /** post.created messages each client received beyond (or short of) one per reply; must be 0. */
  missedOrDuplicated: number;
  unexpectedMessages: number;
}

// ---- Run --------------------------------------------------------------------------------------

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts one timed message on its way: a reply posted, or the floor's broadcast. */
type Trigger = () => Promise<{ postId: number; started: number; responseMs: number | null }>;

/** The scenario's figures, and one message as a client received it (to show its shape). */
async function fanOut(
  scenario: string,
  servers: Child[],
  path: string,
  topic: string,
  trigger: Trigger,
): Promise<{ result: FanOutResult; sample: string | undefined }> {
  const clients = new Clients(topic);
  onCleanUp(() => clients.close());
  const perServer = servers.map((_, i) => Math.floor(options.clients / servers.length) + (i < options.clients % servers.length ? 1 : 0));
  const connectStarted = performance.now();
  // Interleaved in blocks, so both instances fill up together.
  const block = 100;
  const left = [...perServer];
  while (left.some((n) => n > 0)) {
    for (const [i, server] of servers.entries()) {
      const count = Math.min(block, left[i]!);
      if (count === 0) continue;
      await clients.connect(`ws://127.0.0.1:${server.port}${path}`, count);
      left[i]! -= count;
    }
  }
  log(`  ${clients.size} clients subscribed to ${topic} (${perServer.join(' + ')}) in ${fixed((performance.now() - connectStarted) / 1000)} s`);
  await settle(1000);

  const postOne = async () => {
    const { postId, started, responseMs } = await trigger();
    const arrivals = await clients.allReceived(postId);
    return { postId, responseMs, firstMs: arrivals.first - started, lastMs: arrivals.last - started };
  };
  for (let i = 0; i < options.warmup; i++) await postOne();

  const cpuBefore = { servers: servers.map((s) => cpuMsOf(s.process.pid!)), clients: ownCpuMs() };
  const samples: FanOutResult['samples'] = [];
  for (let i = 0; i < options.replies; i++) {
    samples.push(await postOne());
    if ((i + 1) % Math.max(1, Math.floor(options.replies / 4)) === 0) log(`  ${i + 1}/${options.replies} replies, last: ${fixed(samples.at(-1)!.lastMs)} ms`);
  }
  const cpuMsPerReply = {
    servers: servers.map((s, i) => (cpuMsOf(s.process.pid!) - cpuBefore.servers[i]!) / options.replies),
    clients: (ownCpuMs() - cpuBefore.clients) / options.replies,
  };
  // Anything still on its way (a duplicate would arrive late) has time to show.
  await settle(500);
  const expected = options.warmup + options.replies;
  const missedOrDuplicated = clients.received.reduce((sum, n) => sum + Math.abs(n - expected), 0);
  const result: FanOutResult = {
    scenario,
    instances: servers.length,
    clients: perServer,
    replies: options.replies,
    warmup: options.warmup,
    lastClientMs: distribution(samples.map((s) => s.lastMs)),
    firstClientMs: distribution(samples.map((s) => s.firstMs)),
    postResponseMs: samples[0]?.responseMs === null ? null : distribution(samples.map((s) => s.responseMs!)),
    messageBytes: clients.sample ? Buffer.byteLength(clients.sample) : 0,
    samples,
    cpuMsPerReply,
    rssMBAfter: servers.map((s) => rssOf(s.process.pid!)),
    missedOrDuplicated,
    unexpectedMessages: clients.unexpected,
  };
  await clients.close();
  return { result, sample: clients.sample };
}

interface IdleResult {
  connections: number;
  /** SOON_AFTER_OPENING_SECONDS after the connections opened (for none, after the server started). */
  rssMBSoon: number;
  /** After --idle-seconds of idle. */
  rssMB: number;
  /** After a full garbage collection in the server. */
  rssMBAfterGc: number;
  heapUsedMB: number;
  heapTotalMB: number;
  /** Memory outside the JS heap that V8 knows of (buffers, sockets' native parts are not in it). */
  externalMB: number;
}

async function main(): Promise<void> {
  const started = Date.now();
  const date = new Date();
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > os.cpus().length)
    log(`Note: the machine is busy (load average ${loadBefore.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores); the latencies will show it.`);
  const databaseUrl = args.pglite ? undefined : process.env.DATABASE_URL;
  if (!databaseUrl) log('DATABASE_URL is unset (or --pglite): running on PGlite, one instance only (scenario 2 is skipped).');

  const target: BenchDatabase = await createBenchDatabase(databaseUrl);
  onCleanUp(async () => {
    await target.drop();
    log(`dropped ${target.label}`);
  });
  log(`Migrating ${target.label}`);
  const database = await createDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir ?? '' });
  let serverVersion: string;
  try {
    await migrateToLatest(database.db);
    serverVersion = (await sql<{ version: string }>`select version()`.execute(database.db)).rows[0]!.version;
  } finally {
    // PGlite's directory is the server's alone from here on.
    await database.close();
  }

  const build: Build = buildServers(ROOT);
  onCleanUp(() => build.remove());
  const profileDir = join(ROOT, 'bench', 'results', 'profiles');
  if (options.profile || options.heapSnapshot) mkdirSync(profileDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...productionEnvironment(),
    NODE_ENV: 'production',
    DATABASE_URL: target.databaseUrl ?? '',
    DATA_DIR: target.dataDir ?? '',
    RATE_LIMITS: 'off',
    LOG_LEVEL: options.logLevel,
    HOST: '127.0.0.1',
    PORT: '0',
  };
  const execArgv = [...options.nodeOptions, ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const start = async (name: string) => {
    const child = await startHookedChild(name, build.file('bench/server.ts'), env, execArgv);
    onCleanUp(() => child.stop());
    return child;
  };
  const stop = async (child: Child) => {
    await child.stop();
  };

  const a = await start('A');
  const cookie = await register(a, 'live_bench');
  const network = await postJson(a, '/networks', cookie, { slug: 'live-bench', name: 'Live bench', description: 'Where the live benchmark posts.' });
  const thread = await postJson(a, `/n/${network.slug as string}/threads`, cookie, {
    title: 'Live benchmark thread',
    body: 'The opening post of the live benchmark.',
  });
  const threadId = thread.id as number;
  log(`Thread ${threadId} in network ${network.slug as string}; load generator: ${os.cpus().length} cores shared with the server(s)`);

  const topic = `thread:${threadId}`;
  const postReply: Trigger = async () => {
    const started = performance.now();
    const post = await postJson(a, `/t/${threadId}/replies`, cookie, { body: REPLY_BODY });
    return { postId: post.id as number, started, responseMs: performance.now() - started };
  };
  const fanOuts: FanOutResult[] = [];
  let sample: string | undefined;
  if (options.only.has('1')) {
    log(`Scenario 1: one instance, ${options.clients} clients, ${options.replies} replies (+${options.warmup} warm-up)`);
    const run = await fanOut('one instance', [a], '/live', topic, postReply);
    fanOuts.push(run.result);
    sample = run.sample;
  }
  if (options.only.has('floor')) {
    // The same message, clients and timing through a server that only relays it: the machine's floor.
    const floor = await startHookedChild('floor', join(ROOT, 'bench', 'live-floor-server.ts'), { ...process.env, NODE_ENV: 'production' }, [
      '--import',
      import.meta.resolve('tsx'),
    ]);
    onCleanUp(() => floor.stop());
    const template = sample ?? JSON.stringify({ type: 'post.created', topic, cursor: 1, post: { id: 0, html: 'x'.repeat(2000) } });
    let nextId = 1_000_000_000;
    const broadcast: Trigger = async () => {
      const postId = nextId++;
      const message = template.replace(/"post":\{"id":\d+/, `"post":{"id":${postId}`);
      const started = performance.now();
      floor.process.send({ type: 'broadcast', message });
      return { postId, started, responseMs: null };
    };
    log(
      `Floor: a bare ws server relaying the same ${integer(Buffer.byteLength(template))}-byte message to ${options.clients} clients, ${options.replies} times`,
    );
    fanOuts.push((await fanOut('floor: bare ws server', [floor], '/', topic, broadcast)).result);
    await stop(floor);
  }
  if (options.only.has('2')) {
    if (target.kind !== 'postgres') {
      log('Scenario 2 skipped: two instances need PostgreSQL.');
    } else {
      const b = await start('B');
      log(`Scenario 2: two instances, ${options.clients} clients split across them, ${options.replies} replies posted to A (+${options.warmup} warm-up)`);
      fanOuts.push((await fanOut('two instances', [a, b], '/live', topic, postReply)).result);
      await stop(b);
    }
  }
  await stop(a);

  const idle: IdleResult[] = [];
  let idleBaseline: IdleResult | undefined;
  if (options.only.has('3')) {
    log(`Scenario 3: RSS of a fresh server with ${options.idle.map(integer).join(' and ')} idle connections`);
    const server = await start('C');
    const memory = async (connections: number, rssMBSoon: number): Promise<IdleResult> => {
      const rssMB = rssOf(server.process.pid!);
      await collectGarbage(server);
      await settle(200);
      const usage = (await (await fetch(server.url('/__bench/memory'))).json()) as NodeJS.MemoryUsage;
      const mb = (bytes: number) => bytes / 1024 / 1024;
      return {
        connections,
        rssMBSoon,
        rssMB,
        rssMBAfterGc: rssOf(server.process.pid!),
        heapUsedMB: mb(usage.heapUsed),
        heapTotalMB: mb(usage.heapTotal),
        externalMB: mb(usage.external),
      };
    };
    const clients = new Clients(`thread:${threadId}`);
    onCleanUp(() => clients.close());
    // Each reading waits as long: soon, then once idle, as for the connections.
    const idleFor = async () => {
      const soonMs = Math.min(SOON_AFTER_OPENING_SECONDS, options.idleSeconds) * 1000;
      await settle(soonMs);
      const rssMBSoon = rssOf(server.process.pid!);
      await settle(options.idleSeconds * 1000 - soonMs);
      return rssMBSoon;
    };
    idleBaseline = await memory(0, await idleFor());
    log(`  0 connections: RSS ${fixed(idleBaseline.rssMBSoon, 0)} MB ${SOON_AFTER_OPENING_SECONDS} s after start, ${fixed(idleBaseline.rssMB, 0)} MB idle`);
    for (const count of options.idle) {
      const connectStarted = performance.now();
      await clients.connect(`ws://127.0.0.1:${server.port}/live`, count - clients.size);
      log(`  ${integer(clients.size)} connections subscribed in ${fixed((performance.now() - connectStarted) / 1000)} s; idle for ${options.idleSeconds} s`);
      const result = await memory(count, await idleFor());
      idle.push(result);
      log(
        `  ${integer(count)} connections: RSS ${fixed(result.rssMBSoon, 0)} MB soon after opening, ${fixed(result.rssMB, 0)} MB idle, ${fixed(result.rssMBAfterGc, 0)} MB after a full GC`,
      );
    }
    if (options.heapSnapshot) log(`  heap snapshot: ${relative(ROOT, await writeHeapSnapshot(server, profileDir))}`);
    await clients.close();
    await stop(server);
  }

  let abused: AbuseResult | undefined;
  if (options.only.has('abuse')) {
    log(`Abuse: a fresh server, a long post edited ${options.edits} times, ${options.subscribes} subscribe messages (since 0) on a socket that never reads`);
    const server = await start('D');
    abused = await abuse(server, cookie, network.slug as string);
    await stop(server);
  }

  // ---- Report ----
  const machine = machineInfo();
  const targets: Array<{ target: string; value: string; met: boolean }> = [];
  const one = fanOuts.find((f) => f.scenario === 'one instance');
  const two = fanOuts.find((f) => f.instances === 2);
  if (one)
    targets.push({
      target: `One instance, ${integer(options.clients)} clients: p99 < ${TARGETS.oneInstanceP99Ms} ms`,
      value: `${fixed(one.lastClientMs.p99)} ms`,
      met: one.lastClientMs.p99 < TARGETS.oneInstanceP99Ms,
    });
  if (two)
    targets.push({
      target: `Two instances, ${integer(options.clients)} clients: p99 < ${TARGETS.twoInstancesP99Ms} ms`,
      value: `${fixed(two.lastClientMs.p99)} ms`,
      met: two.lastClientMs.p99 < TARGETS.twoInstancesP99Ms,
    });
  const idleAtTarget = idle.find((i) => i.connections === TARGETS.idleRssAt);
  if (idleAtTarget)
    targets.push({
      target: `RSS with ${integer(TARGETS.idleRssAt)} idle connections ≤ ${TARGETS.idleRssMB} MB`,
      value: `${fixed(idleAtTarget.rssMB, 0)} MB (${fixed(idleAtTarget.rssMBSoon, 0)} MB ${SOON_AFTER_OPENING_SECONDS} s after opening)`,
      met: idleAtTarget.rssMB <= TARGETS.idleRssMB,
    });

  const title =
    `Bryggan live benchmark, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${target.kind}, ${machine.cores} cores (${machine.cpu}), Node ${process.version}` +
    `${options.quick ? ' (--quick)' : ''}${options.nodeOptions.length ? `; server: node ${options.nodeOptions.join(' ')}` : ''}`;
  const loadAfter = os.loadavg();
  const contention =
    `The load generator (this process: every websocket client and the poster) runs on the same ${machine.cores} cores as the server(s), ` +
    'so the latencies include its time to receive every message; CPU per reply is shown to tell the two apart. ' +
    `Load average (1 min) ${loadBefore[0]!.toFixed(1)} at the start, ${loadAfter[0]!.toFixed(1)} at the end.`;
  const fanOutTable = markdownTable(
    [
      'Scenario',
      'Clients',
      'Replies',
      'Last client p50 ms',
      'Last client p99 ms',
      'Max ms',
      'First client p50 ms',
      'POST p50 ms',
      'Server CPU ms/reply',
      'Clients CPU ms/reply',
      'Missed/dup.',
    ],
    fanOuts.map((f) => [
      f.scenario,
      f.clients.map(integer).join(' + '),
      String(f.replies),
      fixed(f.lastClientMs.p50),
      fixed(f.lastClientMs.p99),
      fixed(f.lastClientMs.max),
      fixed(f.firstClientMs.p50),
      f.postResponseMs ? fixed(f.postResponseMs.p50) : '–',
      f.cpuMsPerReply.servers.map((c) => fixed(c)).join(' + '),
      fixed(f.cpuMsPerReply.clients),
      String(f.missedOrDuplicated),
    ]),
    [false, true, true, true, true, true, true, true, true, true, true],
  );
  const idleTable = markdownTable(
    [
      'Idle connections (subscribed)',
      `RSS MB, ${SOON_AFTER_OPENING_SECONDS} s after opening`,
      `RSS MB, idle ${options.idleSeconds} s`,
      'RSS after full GC MB',
      'Heap used / total MB',
      'External MB',
    ],
    [...(idleBaseline ? [idleBaseline] : []), ...idle].map((i) => [
      integer(i.connections),
      fixed(i.rssMBSoon, 0),
      fixed(i.rssMB, 0),
      fixed(i.rssMBAfterGc, 0),
      `${fixed(i.heapUsedMB, 0)} / ${fixed(i.heapTotalMB, 0)}`,
      fixed(i.externalMB, 0),
    ]),
    [true, true, true, true, true, true],
  );
  const targetTable = markdownTable(
    ['Target', 'Measured', 'Met'],
    targets.map((t) => [t.target, t.value, t.met ? 'yes' : 'no']),
    [false, true, false],
  );
  const abuseTable = abused
    ? `${markdownTable(
        [
          'One socket: long post edited, subscribes (since 0), never reads',
          'RSS MB',
          '/healthz p50 ms',
          '/healthz max ms',
          'Server busy s',
          'Server CPU s',
          'Bytes to the socket',
        ],
        [
          ['before', fixed(abused.before.rssMB, 0), fixed(abused.before.healthzMs.p50), fixed(abused.before.healthzMs.max), '–', '–', '–'],
          [
            `${abused.edits} edits, ${abused.subscribes} × ${abused.messageBytes} B`,
            `${fixed(abused.during.peakRssMB, 0)} peak, ${fixed(abused.rssMBAfter, 0)} after`,
            fixed(abused.during.healthzMs.p50),
            fixed(abused.during.healthzMs.max),
            `${fixed(abused.busySeconds)}${abused.stillBusy ? ' (still busy)' : ''}`,
            fixed(abused.serverCpuSeconds),
            `${integer(abused.bytesToHostileClient)}${abused.closedByServer ? ' (closed by the server)' : ''}`,
          ],
        ],
        [false, true, true, true, true, true, true],
      )}\n\n`
    : '';
  const perConnection = idleBaseline && idle.length > 0 ? ((idle.at(-1)!.rssMB - idleBaseline.rssMB) * 1024) / idle.at(-1)!.connections : undefined;
  console.log(
    `\n${title}\n\n${contention}\n\n${fanOuts.length ? `${fanOutTable}\n\n` : ''}${idle.length ? `${idleTable}\n\n` : ''}` +
      `${perConnection !== undefined ? `About ${fixed(perConnection, 0)} kB of RSS per idle connection.\n\n` : ''}${abuseTable}${targets.length ? targetTable : ''}`,
  );
  const problems = fanOuts.filter((f) => f.missedOrDuplicated > 0 || f.unexpectedMessages > 0);
  for (const f of problems)
    console.log(
      `\nWARNING, ${f.scenario}: ${f.missedOrDuplicated} post.created messages missed or duplicated, ${f.unexpectedMessages} unexpected messages or errors.`,
    );

  const report = {
    date: date.toISOString(),
    machine,
    loadAverage: { start: loadBefore, end: loadAfter },
    node: process.version,
    database: { kind: target.kind, version: serverVersion },
    options: { ...options, only: [...options.only] },
    note: contention,
    fanOut: fanOuts,
    idle: { baseline: idleBaseline, results: idle, kBPerConnection: perConnection },
    abuse: abused,
    targets,
    seconds: (Date.now() - started) / 1000,
  };
  const file = writeResults('live-', date, report);
  log(`\nReport: ${file} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  if (problems.length > 0) process.exitCode = 1;
}

await runBench(main);
