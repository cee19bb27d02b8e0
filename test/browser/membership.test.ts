// Membership in real Chromium: a members-only board as a non-member sees it (Join saying whom the
// network is for), as a member sees it (Leave in its More menu), the members page, the network form
// with who may post, and a refused thread on a members-only board — no WCAG 2.2 A/AA violation on a
// phone and a desktop, and on a 375 px phone no sideways scrolling and no action under 44 × 44 px.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createNetwork, startThread } from '../helpers/forum.js';
import { axeViolations, eachMenuOpen, hasChromium, phoneChecks, signedInWindows, startForum, type Forum, type ScreenName } from './support.js';

describe.runIf(hasChromium)('membership in a real browser', () => {
  let forum: Forum;
  let admin: Member;
  let outsider: Member;
  let member: Member;
  let adminWindows: Map<ScreenName, Page>;
  let outsiderWindows: Map<ScreenName, Page>;
  let memberWindows: Map<ScreenName, Page>;

  beforeAll(async () => {
    forum = await startForum();
    const { ctx } = forum;
    admin = await signUp(ctx, { username: 'browser_admin' });
    outsider = await signUp(ctx, { username: 'outside_olle', displayName: 'Olle Utanför' });
    member = await signUp(ctx, { username: 'nora_lind', displayName: 'Nora Lind' });
    await createNetwork(admin.agent, { slug: 'unga', name: 'Unga företagare', description: 'Vi som driver företag och är unga.' });
    await admin.agent
      .post('/n/unga/edit')
      .set('accept', JSON_ACCEPT)
      .send({
        name: 'Unga företagare',
        description: 'Vi som driver företag och är unga.',
        posting: 'members',
        audience: 'entrepreneurs up to 30 who run a business of their own',
      })
      .expect(200);
    await member.agent.post('/n/unga/join').set('accept', JSON_ACCEPT).expect(200);
    await startThread(member.agent, 'unga', { title: 'Who else sells at the summer market?' });
    await member.agent
      .post('/b/new')
      .set('accept', JSON_ACCEPT)
      .send({ name: 'Saltsmak', role: 'Owner', networks: ['unga'] })
      .expect(201);
    adminWindows = await signedInWindows(forum, admin);
    outsiderWindows = await signedInWindows(forum, outsider);
    memberWindows = await signedInWindows(forum, member);
  }, 120_000);
  afterAll(() => forum.close());

  const pages = [
    ['a members-only board, to a non-member', () => outsiderWindows, '/n/unga'],
    ['a members-only board, to a member', () => memberWindows, '/n/unga'],
    ['the members page, to a non-member', () => outsiderWindows, '/n/unga/members'],
    ['the members page, to a member', () => memberWindows, '/n/unga/members'],
    ['a profile listing the member’s networks', () => outsiderWindows, '/u/nora_lind'],
    ['the network form with who may post', () => adminWindows, '/n/unga/edit'],
  ] as const;

  describe.each(['phone', 'desktop'] as const)('on a %s', (screen) => {
    it.each(pages)('%s passes every check', async (_name, windows, path) => {
      const page = windows().get(screen)!;
      expect((await page.goto(`${forum.base}${path}`))?.status()).toBe(200);
      if (screen === 'phone') {
        expect(await phoneChecks(page)).toEqual({});
        expect(await eachMenuOpen(page, 'main details.menu', async () => Object.values(await phoneChecks(page)).flat())).toEqual([]);
      } else expect(await axeViolations(page)).toEqual([]);
    });
  });

  it('joins from the board’s button, which says whom the network is for, and then offers the new-thread form', async () => {
    const page = outsiderWindows.get('phone')!;
    await page.goto(`${forum.base}/n/unga`);
    const join = page.locator('form[action="/n/unga/join"] button');
    expect((await join.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Join for entrepreneurs up to 30 who run a business of their own');
    expect(await page.locator('.members-only-note').isVisible()).toBe(true);
    await Promise.all([page.waitForURL(`${forum.base}/n/unga`), join.click()]);
    expect(await page.locator('.notice-flash').textContent()).toContain('Welcome to Unga företagare!');
    expect(await page.locator('details.new-thread').count()).toBe(1);
    expect(await phoneChecks(page)).toEqual({});
    await page.locator('details.board-menu summary').click();
    await Promise.all([page.waitForURL(`${forum.base}/n/unga`), page.locator('form[action="/n/unga/leave"] button').click()]);
    expect(await page.locator('.notice-flash').textContent()).toContain('You have left Unga företagare.');
  });

  it('shows a non-member’s refused thread with the reason on the form page, without a violation', async () => {
    const page = outsiderWindows.get('phone')!;
    // The board offers no form to a non-member; the refusal answers a form sent anyway (an old tab).
    await page.goto(`${forum.base}/n/unga`);
    const answer = await page.evaluate(async () => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = '/n/unga/threads';
      const fields: Record<string, string> = { title: 'May I ask something?', body: 'I am not a member yet.' };
      for (const name of Object.keys(fields)) {
        const input = document.createElement('input');
        input.name = name;
        input.value = fields[name]!;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
      return true;
    });
    expect(answer).toBe(true);
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('main').textContent()).toContain('Only members of Unga företagare post here.');
    expect(await phoneChecks(page)).toEqual({});
  });
});
