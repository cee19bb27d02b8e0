// Issue 19 across instances: a session cached on instance B is refused there once B has heard that it
// ended on instance A (sessions.ended), and from then on B never serves it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp } from '../helpers/agents.js';
import { createTestContext, onPostgres, secondInstance, type TestContext } from '../helpers/context.js';
import { sessionCookie } from '../helpers/live.js';

// Two instances need a database server both can reach; PGlite lives inside one process.
describe.runIf(onPostgres)('the session cache on two app instances', () => {
  let a: TestContext;
  let b: TestContext;
  beforeAll(async () => {
    a = await createTestContext();
    b = await secondInstance(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('refuses on B, once B has the event, a session signed out on A', async () => {
    const member = await signUp(a);
    const cookie = sessionCookie(member.agent);
    const meOnB = async () => (await b.app.inject({ method: 'GET', url: '/me', headers: { accept: JSON_ACCEPT, cookie } })).statusCode;
    expect(await meOnB()).toBe(200);
    expect(b.app.sessionCache.lookUp(cookie.slice('session='.length))).toBeDefined();

    await member.agent.post('/logout').set('accept', JSON_ACCEPT).expect(200);
    // B hears of it by the event bus: NOTIFY at once, or its catch-up every 5 s at worst.
    let tries = 0;
    while ((await meOnB()) !== 401) {
      tries += 1;
      expect(tries, 'B still serves the ended session').toBeLessThan(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(b.app.sessionCache.lookUp(cookie.slice('session='.length))).toBeUndefined();
    for (let i = 0; i < 5; i += 1) expect(await meOnB()).toBe(401);
  });
});
