// Meetings in real Chromium: the new-meeting form, a meeting's thread page as a member who answered, as a
// guest and as its convener (with the minutes under the agenda and the form to mark them), a cancelled
// meeting, the edit form, /meetings, a board with its upcoming meetings and /me with the calendar — no
// WCAG 2.2 A/AA violation on a phone and a desktop, and on a 375 px phone no sideways scrolling and no
// action under 44 × 44 px. Then answering from the phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { networksWithConveners, reply } from '../helpers/forum.js';
import { startMeeting } from '../meetings/helpers.js';
import { axeViolations, hasChromium, openWindow, phoneChecks, signedInWindows, signIn, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('meetings in a real browser', () => {
  let forum: Forum;
  let convener: Member;
  let anna: Member;
  let meetingId: number;
  let cancelledId: number;
  let convenerWindows: Map<ScreenName, Page>;
  let annaWindows: Map<ScreenName, Page>;
  let guestWindows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    const admin = await signUp(ctx, { username: 'browser_admin', displayName: 'Maja Lindqvist' });
    convener = await signUp(ctx, { username: 'jonas_ek', displayName: 'Jonas Ek' });
    anna = await signUp(ctx, { username: 'anna_ek', displayName: 'Anna Ek' });
    const bo = await signUp(ctx, { username: 'bo_lind', displayName: 'Bo Lind' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajaknätverket', convener: convener.username } });
    meetingId = await startMeeting(convener.agent, 'kajak', {
      title: 'Season opening 2027',
      body: 'Agenda:\n\n1. The season\n2. The new map\n3. Coffee',
      capacity: 2,
      mapUrl: 'https://maps.example/kajakboden',
    });
    cancelledId = await startMeeting(convener.agent, 'kajak', { title: 'Autumn paddle' });
    await convener.agent.post(`/t/${cancelledId}/meeting/cancel`).set('accept', JSON_ACCEPT).expect(200);
    await anna.agent.post(`/t/${meetingId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going', headcount: 2 }).expect(200);
    await bo.agent.post(`/t/${meetingId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    const minutes = await reply(convener.agent, meetingId, 'Minutes: we open on 1 May. Lisa brings coffee.');
    await convener.agent.post(`/t/${meetingId}/minutes`).set('accept', JSON_ACCEPT).send({ postId: minutes.id }).expect(200);
    convenerWindows = await signedInWindows(forum, convener);
    annaWindows = await signedInWindows(forum, anna);
    guestWindows = new Map();
    for (const screen of ['phone', 'desktop'] as const) guestWindows.set(screen, (await openWindow(forum, screen)).page);
  }, 120_000);
  afterAll(() => forum.close());

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each([
      ['the new-meeting form', () => convenerWindows, '/n/kajak/meetings/new'],
      ['a meeting as its convener (edit link, minutes form)', () => convenerWindows, () => `/t/${meetingId}`],
      ['the edit form', () => convenerWindows, () => `/t/${meetingId}/meeting/edit`],
      ['a meeting as a member who answered', () => annaWindows, () => `/t/${meetingId}`],
      ['a meeting as a guest', () => guestWindows, () => `/t/${meetingId}`],
      ['a cancelled meeting', () => annaWindows, () => `/t/${cancelledId}`],
      ['the upcoming meetings', () => guestWindows, '/meetings'],
      ['a board with its upcoming meetings', () => annaWindows, '/n/kajak'],
      ['/me with the calendar', () => annaWindows, '/me'],
    ] as const)('%s passes the checks', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      const target = typeof path === 'function' ? path() : path;
      expect((await page.goto(`${forum.base}${target}`))?.status()).toBe(200);
      if (screen === 'phone') expect(await phoneChecks(page)).toEqual({});
      else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('answers from a phone: the full meeting puts a newcomer on the waiting list, behind the one already waiting, and says so', async () => {
    const newcomer = await signUp(forum.ctx, { username: 'cai_berg', displayName: 'Cai Berg' });
    const { page } = await openWindow(forum, 'phone');
    await signIn(page, forum.base, newcomer.username, newcomer.password);
    await page.goto(`${forum.base}/t/${meetingId}`);
    await page.check('input[name="answer"][value="going"]');
    await Promise.all([page.waitForURL(`${forum.base}/t/${meetingId}#meeting`), page.click('form.meeting-answer button[type="submit"]')]);
    expect(await page.locator('[role="status"]').first().textContent()).toContain('waiting list');
    expect(await page.locator('.meeting-yours').textContent()).toContain('number 2 on the waiting list');
    expect(await phoneChecks(page)).toEqual({});
    await page.context().close();
  });
});
