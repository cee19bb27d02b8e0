// The database restarts, drops connections, freezes, or is not up yet: the forum keeps running, answers
// 503 with Retry-After meanwhile (never the driver's message), loses and duplicates nothing, and serves
// again as soon as the database is back, without a restart. On a PostgreSQL server of the test's own.
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { JSON_ACCEPT, type Agent } from '../helpers/agents.js';
import { onPostgres, testConfig } from '../helpers/context.js';
import { startOwnPostgres, type OwnPostgres } from '../helpers/own-postgres.js';

const INTERNALS = /ECONNREFUSED|57P0|terminat|pg_|postgres|Kysely|at \//i;

describe.runIf(onPostgres)('a database outage', () => {
  let server: OwnPostgres;
  let database: Database;
  let app: FastifyInstance;
  /** What beforeAll made, undone in reverse by afterAll: as far as a failing start got. */
  const cleanups: Array<() => unknown> = [];
  let agent: Agent;
  let threadId: number;

  beforeAll(async () => {
    server = await startOwnPostgres();
    cleanups.push(() => server.destroy());
    database = await createDatabase({ databaseUrl: server.url, dataDir: '', connectTimeoutMs: 1_000, statementTimeoutMs: 2_000 });
    cleanups.push(() => database.close());
    await migrateToLatest(database.db);
    app = await buildApp(testConfig({ DATABASE_URL: server.url }), { database, logger: false });
    cleanups.push(() => app.close());
    await app.ready();
    agent = supertest.agent(app.server);
    await agent
      .post('/register')
      .set('accept', JSON_ACCEPT)
      .send({ username: 'writer', displayName: 'Writer', email: 'writer@example.test', password: 'correct horse battery' })
      .expect(201);
    await agent.post('/networks').set('accept', JSON_ACCEPT).send({ slug: 'outage', name: 'Outage' }).expect(201);
    threadId = (await agent.post('/n/outage/threads').set('accept', JSON_ACCEPT).send({ title: 'Through the outage', body: 'Opening' }).expect(201)).body.id;
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  function expectPoliteUnavailable(response: supertest.Response): void {
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.body.error, response.text).toBe('unavailable');
    expect(response.text).not.toMatch(INTERNALS);
  }

  async function untilServing(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while ((await supertest(app.server).get('/healthz')).status !== 200) {
      if (Date.now() > deadline) throw new Error('the forum did not serve again');
      await delay(100);
    }
  }

  it('keeps writers going through a restart: 201 or 503, every 201 stored once, nothing stored unanswered', async () => {
    const answers: Array<{ body: string; status: number; response: supertest.Response }> = [];
    let writing = true;
    const writers = Array.from({ length: 10 }, async (_, writer) => {
      for (let n = 0; writing; n += 1) {
        const body = `writer ${writer} reply ${n}`;
        const response = await agent.post(`/t/${threadId}/replies`).set('accept', JSON_ACCEPT).send({ body });
        answers.push({ body, status: response.status, response });
        if (response.status === 503) await delay(50);
      }
    });
    await delay(300);
    server.stop('fast');
    await delay(1_500);
    // While it is down: a page for browsers too, polite and without internals.
    const page = await agent.get(`/t/${threadId}`).set('accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).toContain('<html');
    expect(page.text).not.toMatch(INTERNALS);
    server.start();
    await untilServing();
    await delay(300);
    writing = false;
    await Promise.all(writers);

    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201, 503]));
    for (const answer of answers.filter((a) => a.status === 503)) expectPoliteUnavailable(answer.response);
    const stored = await database.db.selectFrom('posts').select('body').where('thread_id', '=', threadId).where('parent_id', 'is not', null).execute();
    const storedBodies = stored.map((row) => row.body).sort();
    expect(new Set(storedBodies).size, 'no reply stored twice').toBe(storedBodies.length);
    expect(storedBodies).toEqual(
      answers
        .filter((a) => a.status === 201)
        .map((a) => a.body)
        .sort(),
    );
  }, 90_000);

  it('survives the server ending every one of its connections, without a restart', async () => {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and backend_type = $1', [
        'client backend',
      ]);
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await untilServing();
    await agent.post(`/t/${threadId}/replies`).set('accept', JSON_ACCEPT).send({ body: 'after the connections ended' }).expect(201);
  }, 60_000);

  it('answers within its timeouts while the server is frozen, and /healthz says 503 within 2 s', async () => {
    server.freeze();
    try {
      let started = Date.now();
      // As a load balancer asks: without a session.
      const health = await supertest(app.server).get('/healthz');
      expect(health.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2_000);
      started = Date.now();
      const page = await agent.get(`/t/${threadId}`).set('accept', JSON_ACCEPT);
      expectPoliteUnavailable(page);
      // connect timeout 1 s, statement timeout 2 s and the driver's 2 s margin.
      expect(Date.now() - started).toBeLessThan(6_000);
    } finally {
      server.thaw();
    }
    await untilServing();
  }, 60_000);

  it('waits for the database at start and serves once it is up', async () => {
    server.stop('fast');
    let built: FastifyInstance | undefined;
    const building = buildApp(testConfig({ DATABASE_URL: server.url }), { logger: false }).then((instance) => (built = instance));
    try {
      await delay(1_500);
      expect(built).toBeUndefined();
      server.start();
      const started = await building;
      await started.ready();
      expect((await supertest(started.server).get('/healthz')).status).toBe(200);
    } finally {
      await (await building.catch(() => undefined))?.close();
    }
  }, 90_000);
});
