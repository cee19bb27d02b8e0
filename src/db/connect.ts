// The one module that knows whether the forum runs on the embedded PGlite or on a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';

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
}

export type NotificationHandler = (payload: string) => void;

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Calls the handler for every NOTIFY on the channel, from this or any other instance. */
  listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball, to start other instances from. */
  snapshot?(): Promise<Blob>;
}

const INT8_OID = 20;

function queryLogger({ onQuery }: DatabaseOptions): LogConfig | undefined {
  return onQuery ? (event) => onQuery(event.query.sql) : undefined;
}

async function createPGlite(options: DatabaseOptions): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: options.dataDir,
      ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: queryLogger(options) });
  return {
    db,
    kind: 'pglite',
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
 * LISTEN needs a connection of its own for as long as the instance runs; it reconnects with
 * backoff if the server goes away, so a database restart does not silence an instance for good.
 */
class PostgresListener {
  readonly #handlers = new Map<string, Set<NotificationHandler>>();
  #client: pg.Client | undefined;
  #connecting: Promise<pg.Client> | undefined;
  #closed = false;
  #retryMs = 250;

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, handler: NotificationHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      const client = await this.#connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
    };
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString });
      client.on('notification', (message) => {
        for (const handler of this.#handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      client.on('error', () => this.#reconnect());
      client.on('end', () => this.#reconnect());
      await client.connect();
      for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      this.#client = client;
      this.#retryMs = 250;
      return client;
    })().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  #reconnect(): void {
    if (this.#closed || !this.#client) return;
    this.#client = undefined;
    const retry = () => {
      if (this.#closed) return;
      this.#connect().catch(() => {
        this.#retryMs = Math.min(this.#retryMs * 2, 10_000);
        setTimeout(retry, this.#retryMs).unref();
      });
    };
    setTimeout(retry, this.#retryMs).unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#client?.end().catch(() => undefined);
  }
}

function createPostgres(options: DatabaseOptions & { databaseUrl: string }): Database {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    // PGlite returns int8 (count(*), sums) as numbers; make pg agree so no caller has to know.
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle connection can die under the pool (a server restart, pg_terminate_backend). The pool drops
  // it and the next query opens a new one; but an 'error' event nobody listens to would end the process.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queryLogger(options) });
  const listener = new PostgresListener(options.databaseUrl);
  return {
    db,
    kind: 'postgres',
    listen: (channel, handler) => listener.listen(channel, handler),
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
