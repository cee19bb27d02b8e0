// Which address the sign-in limits count: TRUST_PROXY decides which X-Forwarded-For entries are believed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

let attempts = 0;

/** Makes one failed sign-in arrive from `remoteAddress` carrying `forwardedFor`; the address it was counted against. */
async function countedAddress(ctx: TestContext, remoteAddress: string, forwardedFor: string): Promise<string> {
  attempts += 1;
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor, accept: JSON_ACCEPT },
    payload: { login: `nobody_${attempts}`, password: 'wrong password' },
  });
  expect(response.statusCode).toBe(400);
  const row = await ctx.db.selectFrom('attempts').select('key').where('key', 'like', 'ip:%').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.key.slice('ip:'.length);
}

describe.each([
  // One load balancer that appends the address it sees: the client wrote 6.6.6.6 itself.
  { trustProxy: '1', cases: [{ remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.77', counted: '203.0.113.77' }] },
  { trustProxy: '2', cases: [{ remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.78, 10.0.0.2', counted: '203.0.113.78' }] },
  // Listed proxies: their entries are believed; a client connecting directly names nobody but itself.
  {
    trustProxy: '10.0.0.0/8, 192.168.1.5',
    cases: [
      { remote: '10.0.0.1', forwardedFor: '6.6.6.6, 203.0.113.79', counted: '203.0.113.79' },
      { remote: '198.51.100.9', forwardedFor: '6.6.6.6', counted: '198.51.100.9' },
    ],
  },
  { trustProxy: 'off', cases: [{ remote: '10.0.0.1', forwardedFor: '6.6.6.6', counted: '10.0.0.1' }] },
])('TRUST_PROXY=$trustProxy', ({ trustProxy, cases }) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: trustProxy });
  });
  afterAll(() => ctx.close());

  it.each(cases)('counts a sign-in from $remote with X-Forwarded-For: $forwardedFor against $counted', async ({ remote, forwardedFor, counted }) => {
    expect(await countedAddress(ctx, remote, forwardedFor)).toBe(counted);
  });
});
