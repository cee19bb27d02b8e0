import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { guest } from '../helpers/agents.js';
import { createTestContext, createUnpooledTestDatabase, testConfig, type TestContext } from '../helpers/context.js';

const expectedKind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

describe('GET /healthz', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  it(`says ok and names the database this run uses (${expectedKind})`, async () => {
    const response = await guest(ctx).get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body).toEqual({ status: 'ok', database: expectedKind });
  });

  it('answers JSON even to a browser', async () => {
    const response = await guest(ctx).get('/healthz').set('accept', 'text/html');
    expect(response.body).toEqual({ status: 'ok', database: expectedKind });
  });
});

describe('GET /healthz when the database is gone', () => {
  // Built by hand rather than with createTestContext: the database is closed under the running app on purpose.
  let app: Awaited<ReturnType<typeof buildApp>>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const test = await createUnpooledTestDatabase();
    drop = test.drop;
    app = await buildApp(testConfig(), { database: test.database, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('answers 503, and pages that need the database fail without showing internals', async () => {
    const browser = guest({ app } as TestContext);
    expect((await browser.get('/healthz')).status).toBe(200);
    await app.database.close();

    const health = await browser.get('/healthz');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', database: expectedKind });

    const page = await browser.get('/me').set('accept', 'text/html').set('cookie', 'session=abc.def');
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).not.toMatch(/destroyed|closed|PGlite|pg-pool|at .*\.js:\d+/i);
  });
});
