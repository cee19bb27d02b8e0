// Answers, thanks and offers in real Chromium: a question with its answer under it, the Thanks and
// Mark-as-answer buttons, the board filtered to answered questions with the offers beside it, an offer's
// thread with its author's tools, /offers, who thanked, the kind form and a profile's counts — no WCAG
// 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways scrolling and no action
// under 44 × 44 px. Then the story, clicked through without JavaScript's help.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { axeViolations, eachMenuOpen, hasChromium, phoneChecks, signedInWindows, startForum, type Forum, type ScreenName } from './support.js';

function dayAhead(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

describe.runIf(hasChromium)('answers, thanks and offers in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let asker: Member;
  let helper: Member;
  let askerWindows: Map<ScreenName, Page>;
  let helperWindows: Map<ScreenName, Page>;
  let threadId: number;
  let answerId: number;
  let offerId: number;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    admin = await signUp(ctx, { username: 'browser_admin' });
    asker = await signUp(ctx, { username: 'maja_l', displayName: 'Maja Lindqvist' });
    helper = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket', description: 'Paddling along the coast.' });
    const thread = await startThread(asker.agent, 'kajak', { title: 'Can anyone lend 40 life jackets?', body: 'For a school group on Friday.' });
    threadId = thread.id;
    answerId = (await reply(helper.agent, threadId, 'I have 25 at the jetty, and Lisa has 15 more.')).id;
    await reply(admin.agent, threadId, 'The sailing club lends some too.');
    await asker.agent.post(`/p/${answerId}/accept`).set('accept', JSON_ACCEPT).expect(200);
    await asker.agent.post(`/p/${answerId}/thanks`).set('accept', JSON_ACCEPT).expect(200);
    const offer = await helper.agent
      .post('/n/kajak/threads')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'Our meeting room for the winter', body: 'Seats 12, with a projector.', kind: 'offer', until: dayAhead(90), audience: 'everyone' })
      .expect(201);
    offerId = offer.body.id;
    askerWindows = await signedInWindows(forum, asker);
    helperWindows = await signedInWindows(forum, helper);
  }, 120_000);
  afterAll(() => forum.close());

  const pages = [
    ['a question with its answer, to the asker', () => askerWindows, () => `/t/${threadId}`],
    ['a question with its answer, to the answer’s author', () => helperWindows, () => `/t/${threadId}`],
    ['a board filtered to answered questions, with its offers', () => askerWindows, () => '/n/kajak?filter=answered'],
    ['a board with the new-thread form’s kinds', () => askerWindows, () => '/n/kajak'],
    ['an offer, to its author', () => helperWindows, () => `/t/${offerId}`],
    ['the offers', () => askerWindows, () => '/offers'],
    ['who thanked', () => askerWindows, () => `/p/${answerId}/thanks`],
    ['the kind form', () => askerWindows, () => `/t/${threadId}/kind`],
    ['an offer’s own page, to its author', () => helperWindows, () => `/t/${offerId}/offer`],
    ['a profile with answers and thanks', () => askerWindows, () => '/u/jonas_ek'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(pages)('%s passes every check', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      expect((await page.goto(`${forum.base}${path()}`))?.status()).toBe(200);
      if (screen === 'phone') {
        expect(await phoneChecks(page)).toEqual({});
        expect(await eachMenuOpen(page, 'main details', async () => Object.values(await phoneChecks(page)).flat())).toEqual([]);
      } else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('marks the answer and thanks from the buttons, then shows the question answered on the board', async () => {
    const { ctx } = forum;
    const thread = await startThread(asker.agent, 'kajak', { title: 'Who has a trailer for six kayaks?' });
    const first = await reply(helper.agent, thread.id, 'I do, a six-kayak trailer.');
    await reply(admin.agent, thread.id, 'Ask the camping too.');
    const page = askerWindows.get('phone')!;
    await page.goto(`${forum.base}/t/${thread.id}`);
    await Promise.all([page.waitForURL(/\/t\//), page.locator(`form[action="/p/${first.id}/accept"] button`).click()]);
    expect(await page.locator('.answer-box').textContent()).toContain('I do, a six-kayak trailer.');
    await Promise.all([page.waitForURL(/\/t\//), page.locator(`form[action="/p/${first.id}/thanks"] button`).first().click()]);
    expect(await page.locator(`#p-${first.id} .thanks-button`).getAttribute('aria-pressed')).toBe('true');
    expect(await phoneChecks(page)).toEqual({});
    await page.goto(`${forum.base}/n/kajak?filter=answered`);
    expect(await page.locator('.thread-list').textContent()).toContain('Who has a trailer for six kayaks?');
    const row = await ctx.db.selectFrom('threads').select('answer_post_id').where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(row.answer_post_id).toBe(first.id);
  });
});
