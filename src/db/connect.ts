// The one module that knows whether the forum runs on the embedded PGlite or on a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrateWhenReachable } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';
import { preparingPool } from './prepared-statements.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  /** Used when databaseUrl is undefined. `memory://` keeps the data in memory only. */
  dataDir: string;
  /** PGlite only: start from this dump of a data directory instead of running initdb. */
  pgliteSnapshot?: Blob;
  poolSize?: number;
  /** Called after every query (tests count queries per page with it). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL only; how long to wait for a connection (a new one, or a free one from the pool). Unset: no limit. */
  connectTimeoutMs?: number;
  /** PostgreSQL only; a statement running longer is cancelled by the server (and the driver gives up). Unset: no limit. */
  statementTimeoutMs?: number;
  /** PostgreSQL only; a transaction left idle longer is ended by the server, releasing its locks. Unset: no limit. */
  idleInTransactionTimeoutMs?: number;
  /** PostgreSQL only; told about a connection's error (a lost server), which is then dropped. */
  onConnectionError?: (error: Error) => void;
}

/**
 * How long the driver itself waits for an answer past the server's own statement timeout: a frozen
 * server (stopped, or its host gone) never sends the cancellation, so the client gives up on its own.
 */
const CLIENT_TIMEOUT_MARGIN_MS = 2_000;

export type NotificationHandler = (payload: string) => void;
export type NoticeHandler = (message: string) => void;

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /**
   * Calls the handler for every NOTIFY on the channel, from this or any other instance; and with an
   * empty payload after a lost connection is back, as notifications sent meanwhile were missed.
   */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  /**
   * Calls the handler with every notice (RAISE INFO, NOTICE, WARNING) the server sends on the forum's
   * own connections, before the statement that raised it is answered.
   */
  onNotice(handler: NoticeHandler): () => void;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, to start other instances from. */
  snapshot?(): Promise<Blob>;
}

/** PGlite returns int8 (ids, count(*), sums) as numbers; pg is made to agree, so no caller has to know. */
function int8AsNumber(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, Number);
  return types;
}

/** The handlers of one database's notices. */
function noticeHandlers(): { onNotice: Database['onNotice']; noticed: NoticeHandler } {
  const handlers = new Set<NoticeHandler>();
  return {
    onNotice(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    noticed(message) {
      for (const handler of handlers) handler(message);
    },
  };
}

function queryLogger({ onQuery }: DatabaseOptions): LogConfig | undefined {
  return onQuery ? (event) => onQuery(event.query.sql) : undefined;
}

async function createPGlite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    // Loaded only here: a server on PostgreSQL has no use for PGlite's half megabyte of code.
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const { onNotice, noticed } = noticeHandlers();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, noticed), log: queryLogger(options) });
  return {
    db,
    kind: 'pglite',
    onNotice,
    async listen(channel, handler) {
      const unlisten = await pglite.listen(channel, handler);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
    snapshot: () => pglite.dumpDataDir('none'),
  };
}

/**
 * LISTEN needs a connection of its own for as long as the instance runs. If the server is away (at
 * start, or gone later) it reconnects with backoff, LISTENs again, and then calls every handler with
 * an empty payload: notifications sent meanwhile are lost, and the handlers catch up on their own.
 */
class PostgresListener {
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;
  #retryMs = MIN_RETRY_MS;

  constructor(
    private readonly connectionString: string,
    private readonly connectTimeoutMs: number | undefined,
  ) {}

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      // Connecting LISTENs on every channel; an open connection only needs the new one.
      const client = this.#client;
      if (client) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).catch(() => this.#lost(client));
      else await this.#connect().catch(() => this.#retryLater());
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
    };
  }

  #connect(): Promise<pg.Client> {
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: this.connectTimeoutMs });
      client.on('notification', (message) => {
        for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', () => this.#lost(client));
      client.on('end', () => this.#lost(client));
      try {
        await client.connect();
        for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        client.end().catch(() => undefined);
        throw error;
      }
      this.#client = client;
      this.#retryMs = MIN_RETRY_MS;
      return client;
    })().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = undefined;
    client.end().catch(() => undefined);
    this.#retryLater();
  }

  #retryLater(): void {
    if (this.#closed || this.#retry) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#connect().then(
        () => {
          for (const handlers of this.#handlers.values()) for (const handler of handlers) handler('');
        },
        () => {
          this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
          this.#retryLater();
        },
      );
    }, this.#retryMs);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await this.#client?.end().catch(() => undefined);
  }
}

const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

function createPostgres(options: DatabaseOptions & { databaseUrl: string }): Database {
  const { connectTimeoutMs, statementTimeoutMs, idleInTransactionTimeoutMs } = options;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: idleInTransactionTimeoutMs,
    query_timeout: statementTimeoutMs === undefined ? undefined : statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
    types: int8AsNumber(),
  });
  // A connection can die under the pool (a server restart, pg_terminate_backend), idle or in the middle
  // of a query. An 'error' event nobody listens to ends the process, and the pool listens only while a
  // connection is idle: so every connection gets a listener of its own for its whole life. The query it
  // was running fails (the request answers 503); the pool drops the connection and opens a new one.
  const reportConnectionError = (error: Error) => options.onConnectionError?.(error);
  pool.on('error', reportConnectionError);
  const { onNotice, noticed } = noticeHandlers();
  pool.on('connect', (client) => {
    client.on('error', reportConnectionError);
    client.on('notice', (notice) => noticed(notice.message ?? ''));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log: queryLogger(options) });
  const listener = new PostgresListener(options.databaseUrl, connectTimeoutMs);
  return {
    db,
    kind: 'postgres',
    listen: (channel, handler) => listener.listen(channel, handler),
    onNotice,
    async close() {
      await listener.close();
      await db.destroy();
    },
  };
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const { databaseUrl } = options;
  return databaseUrl ? createPostgres({ ...options, databaseUrl }) : createPGlite(options);
}

/**
 * The forum's database, migrated: waits for a PostgreSQL server that is not up yet (db/migrate.ts).
 * Migrations may run long (an index over every post), so on PostgreSQL they run on a connection of
 * their own, without the timeouts meant for requests.
 */
export async function openDatabase(options: DatabaseOptions, log: { warn(object: object, message: string): void }): Promise<Database> {
  if (options.databaseUrl) {
    const migrating = createPostgres({ databaseUrl: options.databaseUrl, dataDir: '', poolSize: 1 });
    try {
      await migrateWhenReachable(migrating.db, log);
    } finally {
      await migrating.close();
    }
    return createDatabase(options);
  }
  const database = await createDatabase(options);
  try {
    await migrateWhenReachable(database.db, log);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
