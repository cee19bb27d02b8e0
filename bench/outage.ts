// npm run bench:outage [-- --quick] [--writers N] [--readers N] [--only restart,freeze,terminate]
//
// What users see while the database goes away on a busy evening (README: "When the database is away"),
// measured on a PostgreSQL cluster of the bench's own (bench/own-postgres.ts; no other server is used):
// the forum compiled and run as a child process (RATE_LIMITS=off, the production timeouts), writers
// posting replies as JSON (each reply with its own Idempotency-Key, every fifth sent twice at once, as
// a double-tap), readers loading the thread page (half signed in, half guests), and /healthz polled as a
// load balancer would. Each phase warms up, takes the database away, waits for the forum to serve again
// and runs a tail:
//   restart    pg_ctl stop -m fast, a few seconds down, pg_ctl start
//   freeze     every process of the cluster stopped (SIGSTOP) for a few seconds, then SIGCONT
//   terminate  pg_terminate_backend of every connection the forum holds
// Per phase: answers by status (2xx, 503, other), whether every 503 was polite (Retry-After, the
// expected body, none of the driver's words), the time from the database being back to the first 2xx,
// the longest response while it was away, /healthz while it was away, replies acknowledged against
// replies stored (read from the database: none lost, none stored twice, none answered 503 though its
// request stored it), and the server's RSS. At the end: whether the server is still the process it was.
// Prints Markdown tables and writes bench/results/outage-<date>.json; a problem fails the run (exit 1).
// The cluster is removed at the end, whatever happens.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildServers } from './build.js';
import { productionEnvironment, productionNodeOptions, rssOf, startChild, type Child } from './child.js';
import { onCleanUp, runBench } from './cleanup.js';
import { postJson, register } from './forum-client.js';
import { numberArg } from './options.js';
import { startOwnPostgres, type OwnPostgres } from './own-postgres.js';
import { distribution, fixed, integer, log, machineInfo, markdownTable, writeResults } from './report.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const PHASES = ['restart', 'freeze', 'terminate'] as const;
type PhaseName = (typeof PHASES)[number];

// ---- Options ----------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    writers: { type: 'string' },
    readers: { type: 'string' },
    warmup: { type: 'string' },
    down: { type: 'string' },
    freeze: { type: 'string' },
    tail: { type: 'string' },
    only: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench:outage -- [options]
  --quick            5 writers, 4 readers, 2 s warm-up, down and tail, a 3 s freeze: about 40 s
  --writers N        concurrent writers posting replies, one account each (default 20)
  --readers N        concurrent readers loading the thread page, every other one signed in (default 10)
  --warmup S         seconds of load before each outage (default 5)
  --down S           restart: seconds between pg_ctl stop and pg_ctl start (default 3)
  --freeze S         freeze: seconds the cluster is stopped with SIGSTOP (default 5)
  --tail S           seconds of load after the forum serves again (default 5)
  --only a,b         only these phases: restart, freeze, terminate (default all, in that order)
  --log-level L      the forum's LOG_LEVEL (default info, as in production)
Needs PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin); as root, the cluster runs as the
postgres user. DATABASE_URL is ignored: the cluster is the bench's own. The forum's timeouts are its
defaults unless DATABASE_CONNECT_TIMEOUT_MS / DATABASE_STATEMENT_TIMEOUT_MS are set.`);
  process.exit(0);
}

const only = (args.only ?? PHASES.join(',')).split(',').map((s) => s.trim());
for (const name of only) {
  if (!(PHASES as readonly string[]).includes(name)) {
    console.error(`--only takes ${PHASES.join(', ')}; got "${name}"`);
    process.exit(2);
  }
}

const options = {
  quick: args.quick,
  writers: numberArg('writers', args.writers, args.quick ? 5 : 20, { min: 1, max: 500, whole: true }),
  readers: numberArg('readers', args.readers, args.quick ? 4 : 10, { min: 0, max: 500, whole: true }),
  warmupSeconds: numberArg('warmup', args.warmup, args.quick ? 2 : 5, { min: 0.5, max: 600 }),
  downSeconds: numberArg('down', args.down, args.quick ? 2 : 3, { min: 0, max: 600 }),
  freezeSeconds: numberArg('freeze', args.freeze, args.quick ? 3 : 5, { min: 0.5, max: 600 }),
  tailSeconds: numberArg('tail', args.tail, args.quick ? 2 : 5, { min: 0, max: 600 }),
  phases: PHASES.filter((name) => only.includes(name)),
  logLevel: args['log-level'],
};

/**
 * After a 503 a client tries again this soon, not after the 5 s Retry-After asks for: so the bench
 * sees the forum serve again within a fifth of a second, and a writer's retry (same key) comes
 * while the outage may still be on, as an impatient user's would.
 */
const RETRY_PAUSE_MS = 200;
/** Every fifth reply is sent twice at the same moment with the same key: a double-tap. */
const DOUBLE_TAP_EVERY = 5;
/** Between two /healthz requests; a load balancer asks less often, but then its view would be coarse. */
const HEALTHZ_PAUSE_MS = 200;
/** A request still unanswered after this counts as "other" (no answer). */
const REQUEST_TIMEOUT_MS = 60_000;
/** Waiting for the forum to serve again stops here, and the phase counts as not recovered. */
const RECOVERY_LIMIT_MS = 60_000;
/** Past the end of a phase, a writer keeps retrying its last reply this long before it gives up. */
const FINISH_LIMIT_MS = 30_000;
const RSS_SAMPLE_MS = 250;
const DATABASE_NAME = 'bryggan';
const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const REPLY_TEXT = 'Vi provade **samma upplägg** förra sommaren: boka i god tid och fråga efter gruppris.';
/** What an answer would show of a driver or database error that leaked: codes, pg's and the pool's messages, stack frames. */
const INTERNALS =
  /ECONN|ETIMEDOUT|EPIPE|SQLSTATE|57P0\d|terminat|database system is|Connection terminated|connection error|timeout exceeded|Query read timeout|canceling statement|not queryable|pg_\w|Kysely|node_modules|\bat \S+:\d+:\d+/i;

/** Wall-clock milliseconds with performance.now()'s resolution: comparable with the database's timestamps. */
const now = () => performance.timeOrigin + performance.now();

// ---- Load: writers, readers and /healthz --------------------------------------------------------

type ClientKind = 'reply' | 'member page' | 'guest page' | '/healthz';
const CLIENT_KINDS: ClientKind[] = ['reply', 'member page', 'guest page', '/healthz'];

interface Answer {
  client: ClientKind;
  started: number;
  ended: number;
  /** 0: no answer (connection error, or nothing within REQUEST_TIMEOUT_MS). */
  status: number;
  /** For a 503: Retry-After, the expected body, no internals. */
  polite?: boolean;
}

/** One reply a writer means to post, however many requests it takes. */
interface Reply {
  key: string;
  body: string;
  doubleTap: boolean;
  /** Requests answered 503 before the first 2xx. */
  refusals: number;
  /** The post ids the 2xx answers named (a double-tap's two answers must name the same one). */
  acknowledgedIds: number[];
  /** Start of the first request answered 2xx. */
  acknowledgedAttemptStarted?: number;
}

/** An answer neither 2xx nor a polite 503, with the start of its body: the report's evidence. */
interface Oddity {
  client: ClientKind;
  status: number;
  at: number;
  body: string;
}

class Phase {
  readonly answers: Answer[] = [];
  readonly replies: Reply[] = [];
  readonly oddities: Oddity[] = [];
  running = true;
  /** Writers give up on a reply past this (set when the phase stops). */
  finishBy = Infinity;

  constructor(readonly name: PhaseName) {}

  /** The first answer of `client` in 2xx that ended at or after `since`; undefined if none. */
  firstServedAfter(client: ClientKind, since: number): number | undefined {
    let first: number | undefined;
    for (const a of this.answers)
      if (a.client === client && a.status >= 200 && a.status < 300 && a.ended >= since && (first === undefined || a.ended < first)) first = a.ended;
    return first;
  }
}

/** A field of a JSON body; undefined when the body is not JSON. */
function jsonField(text: string, field: string): unknown {
  try {
    return (JSON.parse(text) as Record<string, unknown>)[field];
  } catch {
    return undefined;
  }
}

function isPolite(client: ClientKind, response: Response, text: string): boolean {
  const retryAfter = Number(response.headers.get('retry-after'));
  if (!(Number.isInteger(retryAfter) && retryAfter > 0) || INTERNALS.test(text)) return false;
  if (client === 'reply') return jsonField(text, 'error') === 'unavailable';
  if (client === '/healthz') return jsonField(text, 'status') === 'unavailable';
  return text.includes('<html');
}

/** One request, recorded in the phase; resolves with the answer and its body (empty when none came). */
async function send(phase: Phase, client: ClientKind, url: string, init: RequestInit): Promise<{ answer: Answer; text: string }> {
  const started = now();
  let status = 0;
  let text = '';
  let polite: boolean | undefined;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    text = await response.text();
    status = response.status;
    if (status === 503) polite = isPolite(client, response, text);
  } catch (error) {
    text = String(error);
  }
  const answer: Answer = { client, started, ended: now(), status, ...(polite === undefined ? {} : { polite }) };
  phase.answers.push(answer);
  const served = status >= 200 && status < 300;
  if ((!served && status !== 503) || polite === false) phase.oddities.push({ client, status, at: answer.ended, body: text.slice(0, 500) });
  return { answer, text };
}

interface Forum {
  app: Child;
  threadId: number;
  /** One session per writer; signed-in readers borrow them. */
  cookies: string[];
  runId: string;
}

async function writer(phase: Phase, forum: Forum, index: number): Promise<void> {
  const url = forum.app.url(`/t/${forum.threadId}/replies`);
  for (let n = 0; phase.running; n++) {
    const reply: Reply = {
      key: `${forum.runId}-${phase.name}-${index}-${n}`,
      body: `Outage bench, ${phase.name}: writer ${index}, reply ${n}. ${REPLY_TEXT}`,
      doubleTap: n % DOUBLE_TAP_EVERY === DOUBLE_TAP_EVERY - 1,
      refusals: 0,
      acknowledgedIds: [],
    };
    phase.replies.push(reply);
    const init: RequestInit = {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', cookie: forum.cookies[index]!, 'idempotency-key': reply.key },
      body: JSON.stringify({ body: reply.body }),
    };
    // Until acknowledged, the same reply goes again with the same key, as a form sent again does.
    // A function, not the length itself: the compiler would take the loop's test as true throughout.
    const acknowledged = () => reply.acknowledgedIds.length > 0;
    while (!acknowledged() && now() < phase.finishBy) {
      const sent = await Promise.all(Array.from({ length: reply.doubleTap ? 2 : 1 }, () => send(phase, 'reply', url, init)));
      for (const { answer, text } of sent) {
        if (answer.status === 201) {
          reply.acknowledgedIds.push((JSON.parse(text) as { id: number }).id);
          reply.acknowledgedAttemptStarted = Math.min(reply.acknowledgedAttemptStarted ?? Infinity, answer.started);
        } else if (answer.status === 503 && !acknowledged()) {
          reply.refusals += 1;
        }
      }
      if (!acknowledged()) await delay(RETRY_PAUSE_MS);
    }
  }
}

async function reader(phase: Phase, forum: Forum, index: number): Promise<void> {
  const signedIn = index % 2 === 0;
  const client: ClientKind = signedIn ? 'member page' : 'guest page';
  const headers: Record<string, string> = {
    accept: HTML_ACCEPT,
    'accept-language': 'en',
    ...(signedIn ? { cookie: forum.cookies[(index / 2) % forum.cookies.length]! } : {}),
  };
  while (phase.running) {
    const { answer } = await send(phase, client, forum.app.url(`/t/${forum.threadId}`), { headers });
    if (answer.status !== 200) await delay(RETRY_PAUSE_MS);
  }
}

async function healthProbe(phase: Phase, forum: Forum): Promise<void> {
  while (phase.running) {
    await send(phase, '/healthz', forum.app.url('/healthz'), {});
    await delay(HEALTHZ_PAUSE_MS);
  }
}

// ---- Outages ----------------------------------------------------------------------------------

interface Outage {
  /** When the database started going away, and when it was back (accepting connections, answering). */
  awayAt: number;
  backAt: number;
  detail: string;
}

async function restart(cluster: OwnPostgres): Promise<Outage> {
  const awayAt = now();
  await cluster.stopInBackground('fast');
  const stopped = now();
  await delay(options.downSeconds * 1000);
  const starting = now();
  await cluster.startInBackground();
  const backAt = now();
  return { awayAt, backAt, detail: `pg_ctl stop -m fast took ${integer(stopped - awayAt)} ms, pg_ctl start ${integer(backAt - starting)} ms` };
}

async function freeze(cluster: OwnPostgres): Promise<Outage> {
  const awayAt = now();
  cluster.freeze();
  await delay(options.freezeSeconds * 1000);
  cluster.thaw();
  return { awayAt, backAt: now(), detail: `SIGSTOP for ${options.freezeSeconds} s` };
}

async function terminate(adminUrl: string): Promise<Outage> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const awayAt = now();
    const { rowCount } = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'",
      [DATABASE_NAME],
    );
    return { awayAt, backAt: now(), detail: `${rowCount ?? 0} connections ended` };
  } finally {
    await admin.end();
  }
}

// ---- Figures ----------------------------------------------------------------------------------

interface StoredReply {
  id: number;
  body: string;
  createdAt: number;
}

interface ClientFigures {
  client: ClientKind;
  requests: number;
  served: number;
  unavailable: number;
  other: number;
  /** 503s with Retry-After, the expected body and none of the driver's words. */
  politeUnavailable: number;
  /** Median 2xx response time before the outage: what a request costs under this load anyway. */
  p50BeforeMs: number | null;
  /** From the database being back to this client's first 2xx; null when none came. */
  recoveryMs: number | null;
  /** The slowest request in flight at any time from the database going away to the forum serving again. */
  longestDuringOutageMs: number | null;
}

interface PhaseFigures {
  phase: PhaseName;
  outage: Outage & { awayMs: number };
  /** From the database being back until both writers and signed-in readers had a 2xx; null if not within the limit. */
  recoveryMs: number | null;
  clients: ClientFigures[];
  /** /healthz requests started while the database was away. */
  healthzWhileAway: { requests: number; statuses: Record<string, number>; maxMs: number | null };
  replies: {
    /** Replies with at least one 2xx answer. */
    acknowledged: number;
    /** Replies found in the database. */
    stored: number;
    /** Acknowledged, not stored. */
    lost: number;
    /** Stored more than once. */
    duplicated: number;
    /** A 2xx named a post id that is not the reply's stored one, or a double-tap's answers named two. */
    mismatched: number;
    /** Stored, though every answer was 503 or none came (the writer gave up). */
    storedUnacknowledged: number;
    /** Answered 503, yet stored by that request: the retry with the same key found it. */
    refusedYetStored: number;
    doubleTaps: number;
  };
  /** The replies behind refusedYetStored, as evidence. */
  refusedYetStoredReplies: Array<{ key: string; postId: number; createdAt: string; acknowledgedAttemptStarted: string; refusals: number }>;
  rssMB: { before: number; peak: number; after: number };
  oddities: Oddity[];
}

function figuresOf(
  phase: Phase,
  outage: Outage,
  recoveredAt: number | undefined,
  stored: Map<string, StoredReply[]>,
  rss: PhaseFigures['rssMB'],
): PhaseFigures {
  const windowEnd = recoveredAt ?? Infinity;
  const clients = CLIENT_KINDS.map((client): ClientFigures => {
    const answers = phase.answers.filter((a) => a.client === client);
    const first = phase.firstServedAfter(client, outage.backAt);
    const duringOutage = answers.filter((a) => a.started <= windowEnd && a.ended >= outage.awayAt).map((a) => a.ended - a.started);
    const before = answers.filter((a) => a.ended < outage.awayAt && a.status >= 200 && a.status < 300).map((a) => a.ended - a.started);
    return {
      client,
      requests: answers.length,
      served: answers.filter((a) => a.status >= 200 && a.status < 300).length,
      unavailable: answers.filter((a) => a.status === 503).length,
      other: answers.filter((a) => (a.status < 200 || a.status >= 300) && a.status !== 503).length,
      politeUnavailable: answers.filter((a) => a.polite === true).length,
      p50BeforeMs: before.length ? distribution(before).p50 : null,
      recoveryMs: first === undefined ? null : first - outage.backAt,
      longestDuringOutageMs: duringOutage.length ? Math.max(...duringOutage) : null,
    };
  });
  const health = phase.answers.filter((a) => a.client === '/healthz' && a.started >= outage.awayAt && a.started <= outage.backAt);
  const statuses: Record<string, number> = {};
  for (const a of health) statuses[a.status] = (statuses[a.status] ?? 0) + 1;

  const replies = { acknowledged: 0, stored: 0, lost: 0, duplicated: 0, mismatched: 0, storedUnacknowledged: 0, refusedYetStored: 0, doubleTaps: 0 };
  const refusedYetStoredReplies: PhaseFigures['refusedYetStoredReplies'] = [];
  for (const reply of phase.replies) {
    const rows = stored.get(reply.body) ?? [];
    const acknowledged = reply.acknowledgedIds.length > 0;
    if (reply.doubleTap) replies.doubleTaps += 1;
    if (acknowledged) replies.acknowledged += 1;
    if (rows.length > 0) replies.stored += 1;
    if (rows.length > 1) replies.duplicated += 1;
    if (acknowledged && rows.length === 0) replies.lost += 1;
    if (!acknowledged && rows.length > 0) replies.storedUnacknowledged += 1;
    if (acknowledged && rows.length > 0 && reply.acknowledgedIds.some((id) => id !== rows[0]!.id)) replies.mismatched += 1;
    // Created before the request that was answered 2xx began: an earlier one, answered 503, stored it.
    if (acknowledged && reply.refusals > 0 && rows.length > 0 && rows[0]!.createdAt < reply.acknowledgedAttemptStarted!) {
      replies.refusedYetStored += 1;
      const iso = (ms: number) => new Date(ms).toISOString();
      refusedYetStoredReplies.push({
        key: reply.key,
        postId: rows[0]!.id,
        createdAt: iso(rows[0]!.createdAt),
        acknowledgedAttemptStarted: iso(reply.acknowledgedAttemptStarted!),
        refusals: reply.refusals,
      });
    }
  }
  return {
    phase: phase.name,
    outage: { ...outage, awayMs: outage.backAt - outage.awayAt },
    recoveryMs: recoveredAt === undefined ? null : recoveredAt - outage.backAt,
    clients,
    healthzWhileAway: { requests: health.length, statuses, maxMs: health.length ? Math.max(...health.map((a) => a.ended - a.started)) : null },
    replies,
    refusedYetStoredReplies,
    rssMB: rss,
    oddities: phase.oddities,
  };
}

/** Every reply in the thread, by body, read from the forum's database. */
async function storedReplies(databaseUrl: string, threadId: number): Promise<Map<string, StoredReply[]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; body: string; created_at: Date }>(
      'select id, body, created_at from posts where thread_id = $1 and parent_id is not null order by id',
      [threadId],
    );
    const byBody = new Map<string, StoredReply[]>();
    for (const row of rows) {
      const list = byBody.get(row.body) ?? [];
      list.push({ id: Number(row.id), body: row.body, createdAt: row.created_at.getTime() });
      byBody.set(row.body, list);
    }
    return byBody;
  } finally {
    await client.end();
  }
}

// ---- Run --------------------------------------------------------------------------------------

/** Resolves once `condition` holds (checked every 50 ms), or with false after `limitMs`. */
async function until(condition: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = now() + limitMs;
  while (!condition()) {
    if (now() > deadline) return false;
    await delay(50);
  }
  return true;
}

async function main(): Promise<void> {
  const started = Date.now();
  const date = new Date();
  const loadBefore = os.loadavg();

  log("Starting a PostgreSQL cluster of the bench's own");
  const cluster = await startOwnPostgres();
  onCleanUp(() => cluster.destroy());
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  const serverVersion = (await admin.query<{ version: string }>('select version()')).rows[0]!.version;
  await admin.query(`create database ${DATABASE_NAME}`);
  await admin.end();
  const databaseUrl = new URL(cluster.url);
  databaseUrl.pathname = `/${DATABASE_NAME}`;
  // The bench's pg_terminate_backend comes from the cluster's postgres database, so that ending every
  // connection to the forum's database ends only the forum's.
  const adminUrl = cluster.url;
  const forumDatabaseUrl = databaseUrl.href;
  log(`  ${serverVersion.split(',')[0]} on port ${cluster.port}`);

  const build = buildServers(ROOT);
  onCleanUp(() => build.remove());
  const app = await startChild(
    'forum',
    build.file('bench/server.ts'),
    {
      ...process.env,
      ...productionEnvironment(),
      NODE_ENV: 'production',
      DATABASE_URL: forumDatabaseUrl,
      DATA_DIR: '',
      RATE_LIMITS: 'off',
      LOG_LEVEL: options.logLevel,
      HOST: '127.0.0.1',
      PORT: '0',
    },
    productionNodeOptions(),
  );
  onCleanUp(() => app.stop());
  const pid = app.process.pid!;
  let exited: { code: number | null; signal: string | null; at: number } | undefined;
  app.process.once('exit', (code, signal) => (exited = { code, signal, at: now() }));

  const writerNames = Array.from({ length: options.writers }, (_, i) => `outage_writer_${i}`);
  // The first account on an empty forum is its admin, who alone may start a network: registered first.
  const cookies = [await register(app, writerNames[0]!), ...(await Promise.all(writerNames.slice(1).map((name) => register(app, name))))];
  const network = await postJson(app, '/networks', cookies[0]!, { slug: 'outage-bench', name: 'Outage bench', description: 'Where the outage bench posts.' });
  const thread = await postJson(app, `/n/${network.slug as string}/threads`, cookies[0]!, {
    title: 'Through the outage',
    body: 'The opening post of the outage bench.',
  });
  const forum: Forum = { app, threadId: thread.id as number, cookies, runId: randomBytes(4).toString('hex') };
  log(
    `Forum pid ${pid} on port ${app.port}; thread ${forum.threadId}; ${options.writers} writers, ${options.readers} readers (${Math.ceil(options.readers / 2)} signed in), /healthz every ${HEALTHZ_PAUSE_MS} ms`,
  );

  const rssSamples: Array<{ at: number; rssMB: number }> = [];
  const sampleRss = () => {
    if (!exited) rssSamples.push({ at: now(), rssMB: rssOf(pid) });
  };
  sampleRss();
  const rssAtStart = rssSamples[0]!.rssMB;
  const sampler = setInterval(sampleRss, RSS_SAMPLE_MS);
  onCleanUp(() => clearInterval(sampler));

  const outages: Record<PhaseName, () => Promise<Outage>> = {
    restart: () => restart(cluster),
    freeze: () => freeze(cluster),
    terminate: () => terminate(adminUrl),
  };
  const ran: Array<{ phase: Phase; outage: Outage; recoveredAt: number | undefined; rss: PhaseFigures['rssMB'] }> = [];
  for (const name of options.phases) {
    const phase = new Phase(name);
    const phaseStarted = now();
    const load = Promise.all([
      ...Array.from({ length: options.writers }, (_, i) => writer(phase, forum, i)),
      ...Array.from({ length: options.readers }, (_, i) => reader(phase, forum, i)),
      healthProbe(phase, forum),
    ]);
    await delay(options.warmupSeconds * 1000);
    const before = rssOf(pid);
    const outage = await outages[name]();
    log(`${name}: ${outage.detail}; the database was away ${integer(outage.backAt - outage.awayAt)} ms`);
    // Served again: writers and signed-in readers (whose pages always need the database) have a 2xx.
    const needed: ClientKind[] = ['reply', ...(options.readers > 0 ? ['member page' as const] : [])];
    const recovered = await until(() => needed.every((client) => phase.firstServedAfter(client, outage.backAt) !== undefined), RECOVERY_LIMIT_MS);
    const recoveredAt = recovered ? Math.max(...needed.map((client) => phase.firstServedAfter(client, outage.backAt)!)) : undefined;
    log(
      `  ${recovered ? `serving again ${integer(recoveredAt! - outage.backAt)} ms after the database was back` : `NOT serving again within ${RECOVERY_LIMIT_MS / 1000} s`}; tail of ${options.tailSeconds} s`,
    );
    await delay(options.tailSeconds * 1000);
    phase.running = false;
    phase.finishBy = now() + FINISH_LIMIT_MS;
    await load;
    sampleRss();
    const during = rssSamples.filter((s) => s.at >= phaseStarted).map((s) => s.rssMB);
    ran.push({ phase, outage, recoveredAt, rss: { before, peak: Math.max(before, ...during), after: rssSamples.at(-1)!.rssMB } });
    log(`  ${integer(phase.answers.length)} requests, ${integer(phase.replies.length)} replies`);
  }
  clearInterval(sampler);

  const stored = await storedReplies(forumDatabaseUrl, forum.threadId);
  const figures = ran.map((r) => figuresOf(r.phase, r.outage, r.recoveredAt, stored, r.rss));
  const alive = !exited && app.process.exitCode === null && app.process.signalCode === null;
  const processFigures = { pid, alive, exited: exited ?? null, rssMBAtStart: rssAtStart, rssMBAtEnd: alive ? rssOf(pid) : null };

  // ---- Report ----
  const machine = machineInfo();
  const loadAfter = os.loadavg();
  const ms = (value: number | null) => (value === null ? '–' : integer(value));
  const title =
    `Bryggan outage benchmark, ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${serverVersion.split(',')[0]}, ${machine.cores} cores (${machine.cpu}), Node ${process.version}` +
    `${options.quick ? ' (--quick)' : ''}; ${options.writers} writers, ${options.readers} readers; warm-up ${options.warmupSeconds} s, down ${options.downSeconds} s, frozen ${options.freezeSeconds} s, tail ${options.tailSeconds} s` +
    `; load average (1 min) ${fixed(loadBefore[0]!)} at the start, ${fixed(loadAfter[0]!)} at the end (the load generator shares the cores)`;
  const requestTable = markdownTable(
    [
      'Phase',
      'Client',
      'Requests',
      '2xx',
      '503',
      'Other',
      '503 polite',
      'p50 before the outage, ms',
      'First 2xx after the database is back, ms',
      'Longest response during the outage, ms',
    ],
    figures.flatMap((f) =>
      f.clients.map((c) => [
        f.phase,
        c.client,
        integer(c.requests),
        integer(c.served),
        integer(c.unavailable),
        integer(c.other),
        c.unavailable ? `${integer(c.politeUnavailable)} of ${integer(c.unavailable)}` : '–',
        ms(c.p50BeforeMs),
        ms(c.recoveryMs),
        ms(c.longestDuringOutageMs),
      ]),
    ),
    [false, false, true, true, true, true, true, true, true, true],
  );
  const phaseTable = markdownTable(
    [
      'Phase',
      'Database away, ms',
      'Serving again after, ms',
      '/healthz while away',
      'Replies acknowledged',
      'Stored',
      'Lost',
      'Stored twice',
      '503 yet stored',
      'RSS before / peak / after, MB',
    ],
    figures.map((f) => [
      f.phase,
      integer(f.outage.awayMs),
      f.recoveryMs === null ? 'not within the limit' : integer(f.recoveryMs),
      f.healthzWhileAway.requests
        ? `${Object.entries(f.healthzWhileAway.statuses)
            .map(([status, n]) => `${n} × ${status}`)
            .join(', ')}; max ${ms(f.healthzWhileAway.maxMs)} ms`
        : '–',
      integer(f.replies.acknowledged),
      integer(f.replies.stored),
      integer(f.replies.lost),
      integer(f.replies.duplicated),
      integer(f.replies.refusedYetStored),
      `${fixed(f.rssMB.before, 0)} / ${fixed(f.rssMB.peak, 0)} / ${fixed(f.rssMB.after, 0)}`,
    ]),
    [false, true, true, false, true, true, true, true, true, false],
  );
  const processLine = alive
    ? `The forum's process (pid ${pid}) ran from start to end without exiting; RSS ${fixed(rssAtStart, 0)} MB at the start, ${fixed(processFigures.rssMBAtEnd!, 0)} MB at the end.`
    : `The forum's process (pid ${pid}) EXITED (code ${exited?.code ?? '?'}, signal ${exited?.signal ?? 'none'}).`;
  console.log(`\n${title}\n\n${requestTable}\n\n${phaseTable}\n\n${processLine}`);

  const problems: string[] = [];
  if (!alive) problems.push('the forum process exited');
  for (const f of figures) {
    if (f.recoveryMs === null) problems.push(`${f.phase}: not serving again within ${RECOVERY_LIMIT_MS / 1000} s`);
    for (const c of f.clients) {
      if (c.other > 0) problems.push(`${f.phase}: ${c.other} answers to ${c.client} neither 2xx nor 503`);
      if (c.politeUnavailable < c.unavailable)
        problems.push(
          `${f.phase}: ${c.unavailable - c.politeUnavailable} of ${c.client}'s 503s without Retry-After, with an unexpected body or with internals`,
        );
    }
    const r = f.replies;
    if (r.lost || r.duplicated || r.mismatched)
      problems.push(`${f.phase}: replies lost ${r.lost}, stored twice ${r.duplicated}, answered with another post's id ${r.mismatched}`);
    // The README promises that a write that committed is answered as committed.
    if (r.refusedYetStored)
      problems.push(
        `${f.phase}: ${r.refusedYetStored} replies answered 503 though the request had stored them (a retry without the key would post them twice)`,
      );
    if (r.storedUnacknowledged)
      problems.push(`${f.phase}: ${r.storedUnacknowledged} replies stored but never acknowledged (their writers gave up after ${FINISH_LIMIT_MS / 1000} s)`);
  }
  for (const problem of problems) console.log(`\nPROBLEM: ${problem}`);
  for (const f of figures) {
    for (const o of f.oddities.slice(0, 5)) console.log(`  ${f.phase}, ${o.client}: ${o.status || 'no answer'}: ${o.body.replace(/\s+/g, ' ').slice(0, 200)}`);
    for (const r of f.refusedYetStoredReplies.slice(0, 5))
      console.log(
        `  ${f.phase}, reply ${r.key}: post ${r.postId} created ${r.createdAt}, answered 503 ${r.refusals}× before the request of ${r.acknowledgedAttemptStarted} got it`,
      );
  }

  const report = {
    date: date.toISOString(),
    machine,
    loadAverage: { start: loadBefore, end: loadAfter },
    node: process.version,
    database: { version: serverVersion, cluster: 'own (bench/own-postgres.ts)' },
    options: { ...options, retryPauseMs: RETRY_PAUSE_MS, doubleTapEvery: DOUBLE_TAP_EVERY, healthzPauseMs: HEALTHZ_PAUSE_MS },
    phases: figures.map((f, i) => ({
      ...f,
      oddities: f.oddities.slice(0, 50),
      odditiesTotal: f.oddities.length,
      // Every answer, to look into a figure: [client, ms from the database going away to the request, ms it took, status].
      answers: ran[i]!.phase.answers.map((a) => [a.client, Math.round(a.started - f.outage.awayAt), Math.round(a.ended - a.started), a.status]),
    })),
    process: processFigures,
    problems,
    seconds: (Date.now() - started) / 1000,
  };
  log(`\nReport: ${writeResults('outage-', date, report)} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  if (problems.length > 0) process.exitCode = 1;
}

await runBench(main);
