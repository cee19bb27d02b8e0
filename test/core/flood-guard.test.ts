import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';

// TRUST_PROXY=1 (one proxy hop) lets the test speak from addresses of its own through X-Forwarded-For.
const from = (address: string) => ({ 'x-forwarded-for': address });

describe('the flood guard on writes (120 a minute per address)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMITS: 'on', TRUST_PROXY: '1' });
  });
  afterAll(() => ctx.close());

  const write = (address: string) => guest(ctx).post('/language').set(from(address)).set('accept', JSON_ACCEPT).send({ locale: 'en' });

  it('answers an address 429 from its 121st write, serves its reads past that, and lets another address write', async () => {
    const address = '10.77.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 121; i += 1) statuses.push((await write(address)).status);
    expect(statuses.slice(0, 120)).toEqual(Array.from({ length: 120 }, () => 200));
    expect(statuses[120]).toBe(429);

    // Reads are not counted, before or after the writes' budget is spent: 130 pages, every one answered.
    const reads: number[] = [];
    for (let i = 0; i < 130; i += 1) reads.push((await guest(ctx).get('/').set(from(address)).set('accept-language', 'en')).status);
    expect(reads).toEqual(Array.from({ length: 130 }, () => 200));

    expect((await write('10.77.0.2')).status).toBe(200);
    expect((await write(address)).status).toBe(429);
  });
});

describe('the flood guard with RATE_LIMITS=off (benchmarks, load tests)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ TRUST_PROXY: '1' });
  });
  afterAll(() => ctx.close());

  it('counts no writes: 130 from one address in a minute are all answered', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 130; i += 1)
      statuses.push((await guest(ctx).post('/language').set(from('10.77.1.1')).set('accept', JSON_ACCEPT).send({ locale: 'en' })).status);
    expect(statuses).toEqual(Array.from({ length: 130 }, () => 200));
  });
});
