// The demo forum (npm run demo) on a phone: real-looking content — long Swedish words, threads nested
// deep, Danish and English among the Swedish — on every board and thread, as a guest and as a convener,
// passes axe-core and neither scrolls sideways nor has an action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NETWORKS, DEMO_PASSWORD } from '../../scripts/demo-content.js';
import { fillDemoForum } from '../../scripts/demo-forum.js';
import { axeViolations, hasChromium, openWindow, phoneLayoutProblems, signIn, startForum, type Forum } from './support.js';

describe.runIf(hasChromium)('the demo forum on a phone', () => {
  let forum: Forum;
  let guestPage: Page;
  let convenerPage: Page;
  let threads: Array<{ id: number; title: string }> = [];
  /** What beforeAll started, closed by afterAll: as far as a failing start got. */
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    forum = await startForum();
    cleanups.push(() => forum.close());
    await fillDemoForum(forum.ctx.db);
    threads = await forum.ctx.db.selectFrom('threads').select(['id', 'title']).orderBy('id').execute();
    ({ page: guestPage } = await openWindow(forum, 'phone', 'sv-SE'));
    ({ page: convenerPage } = await openWindow(forum, 'phone', 'sv-SE'));
    // The administrator, who convenes "Alla i turismen" and moderates every network: every tool shows.
    await signIn(convenerPage, forum.base, 'skarvik_turism', DEMO_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  async function problemsOn(page: Page, path: string): Promise<string[]> {
    const response = await page.goto(`${forum.base}${path}`);
    expect(response?.status(), path).toBe(200);
    return [...(await phoneLayoutProblems(page)), ...(await axeViolations(page))];
  }

  it.each(DEMO_NETWORKS.map((network) => [network.slug] as const))('the board /n/%s passes for a guest and for its convener', async (slug) => {
    expect(await problemsOn(guestPage, `/n/${slug}`)).toEqual([]);
    expect(await problemsOn(convenerPage, `/n/${slug}`)).toEqual([]);
  });

  it('every thread passes for a guest and for its convener', async () => {
    expect(threads.length).toBeGreaterThan(10);
    const found: Record<string, string[]> = {};
    for (const thread of threads) {
      for (const [who, page] of [
        ['guest', guestPage],
        ['convener', convenerPage],
      ] as const) {
        const problems = await problemsOn(page, `/t/${thread.id}`);
        if (problems.length) found[`/t/${thread.id} (${thread.title}) as ${who}`] = problems;
      }
    }
    expect(found).toEqual({});
  }, 120_000);
});
