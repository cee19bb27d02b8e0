// A network's rules as a numbered list of objects: public, edited by its conveners, shown compactly
// above every posting form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, startThread } from '../helpers/forum.js';

describe('network rules', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let member: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    convener = await signUp(ctx, { username: 'rules_convener' });
    member = await signUp(ctx);
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'rules_convener' } });
  });
  afterAll(() => ctx.close());

  const save = (body: object) => convener.agent.post('/n/kajak/rules').set('accept', JSON_ACCEPT).send(body);
  const stored = () => ctx.db.selectFrom('network_rules').select(['number', 'title', 'body', 'body_html']).orderBy('number').execute();

  it('replaces the list, numbered 1..n in order, with the explanations rendered', async () => {
    const response = await save({
      title: ['Stay on topic', 'Be kind', 'No ads'],
      body: ['Only **kayaks** here; fishing goes to [Fiske](/n/fiske).', '', '<script>alert(1)</script> Ads go to the market board.'],
    });
    expect(response.status).toBe(200);
    expect(response.body.rules.map((r: { number: number; title: string }) => [r.number, r.title])).toEqual([
      [1, 'Stay on topic'],
      [2, 'Be kind'],
      [3, 'No ads'],
    ]);
    expect(response.body.rules[0].bodyHtml).toContain('<strong>kayaks</strong>');
    expect(response.body.rules[2].bodyHtml).not.toContain('<script>');

    const page = await guest(ctx).get('/n/kajak/rules').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Rules: Kajak');
    expect(page.text).toMatch(
      /<li id="rule-1" value="1">\s*<h2 class="rule-title">Stay on topic<\/h2>\s*<div class="rule-body"><p>Only <strong>kayaks<\/strong>/,
    );
    expect(page.text).toContain('<li id="rule-3" value="3">');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('action="/n/kajak/rules"');
    const json = await guest(ctx).get('/n/kajak/rules').set('accept', JSON_ACCEPT);
    expect(json.body).toMatchObject({
      network: { slug: 'kajak', name: 'Kajak' },
      rules: [{ number: 1, title: 'Stay on topic' }, { number: 2, body: '' }, { number: 3 }],
    });

    await save({ title: ['Only this one'] }).expect(200);
    expect(await stored()).toEqual([{ number: 1, title: 'Only this one', body: '', body_html: '' }]);
    const log = await ctx.db.selectFrom('moderation_log').select(['action', 'network_id']).where('action', '=', 'rules').execute();
    expect(log).toHaveLength(2);
  });

  it('refuses bad values with 400 on the field, and keeps the rules as they were', async () => {
    await save({ title: ['Keep me'], body: ['Kept'] }).expect(200);
    const cases: Array<[object, string]> = [
      [{ title: ['t'.repeat(121)] }, 'title'],
      [{ title: ['Fine'], body: ['b'.repeat(2001)] }, 'body'],
      [{ title: Array.from({ length: 21 }, (_, i) => `Rule ${i + 1}`) }, 'title'],
      [{ title: ['Fine', ''], body: ['ok', 'An explanation without a title'] }, 'title'],
      [{ title: 'not a list of one', body: [{ nested: true }] }, 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await save(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body.fields[field], JSON.stringify(body).slice(0, 80)).toBeTruthy();
    }
    expect((await stored()).map((r) => r.title)).toEqual(['Keep me']);
    expect(
      (
        await member.agent
          .post('/n/kajak/rules')
          .set('accept', JSON_ACCEPT)
          .send({ title: ['Mine now'] })
      ).status,
    ).toBe(403);
    expect((await save({ title: Array.from({ length: 20 }, (_, i) => `Rule ${i + 1}`) })).status).toBe(200);
  });

  it('edits from the browser: repeated fields, empty slots dropped, errors shown with the input kept', async () => {
    const form = await convener.agent.get('/n/kajak/rules').set('accept', HTML);
    expect(form.text).toContain('action="/n/kajak/rules"');
    expect((await admin.agent.get('/n/kajak/rules').set('accept', HTML)).text).toContain('action="/n/kajak/rules"');
    expect((await member.agent.get('/n/kajak/rules').set('accept', HTML)).text).not.toContain('action="/n/kajak/rules"');

    const done = await convener.agent
      .post('/n/kajak/rules')
      .set('accept', HTML)
      .type('form')
      .send('title=Stay+on+topic&body=Kayaks+only&title=&body=&title=Be+kind&body=&title=&body=');
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/n/kajak/rules');
    expect((await stored()).map((r) => [r.number, r.title, r.body])).toEqual([
      [1, 'Stay on topic', 'Kayaks only'],
      [2, 'Be kind', ''],
    ]);

    const edit = await convener.agent.get('/n/kajak/rules').set('accept', HTML);
    expect(edit.text).toContain('value="Stay on topic"');
    expect(edit.text.match(/name="title"/g)).toHaveLength(5); // two rules and three spare slots

    const refused = await convener.agent
      .post('/n/kajak/rules')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send('title=&body=Orphan+text&title=Fine&body=');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Every rule needs a title');
    expect(refused.text).toContain('Orphan text');
  });

  it('shows the rules compactly above the new-thread and reply forms, with a link', async () => {
    await save({ title: ['Stay on topic', 'Be kind'], body: ['', ''] }).expect(200);
    const thread = await startThread(member.agent, 'kajak', { title: 'A question' });
    const summary = /Before you post:<\/strong> 1\. Stay on topic, 2\. Be kind · <a href="\/n\/kajak\/rules">/;
    const pages = [`/n/kajak`, `/n/kajak/new`, `/t/${thread.id}`, `/t/${thread.id}/reply`];
    for (const path of pages) {
      const page = await member.agent.get(path).set('accept', HTML).set('accept-language', 'en');
      expect(page.text, path).toMatch(summary);
    }
    const sv = await member.agent.get(`/t/${thread.id}`).set('accept', HTML).set('accept-language', 'sv');
    expect(sv.text).toContain('Innan du skriver:');
    // Guests see no posting form, so no summary either; the rules are a link away on the board.
    const forGuest = await guest(ctx).get('/n/kajak').set('accept', HTML);
    expect(forGuest.text).not.toMatch(summary);
    expect(forGuest.text).toContain('href="/n/kajak/rules"');
    expect((await guest(ctx).get('/n/nowhere/rules').set('accept', HTML)).status).toBe(404);
  });

  it('lets a hide cite a rule the network has', async () => {
    const thread = await startThread(member.agent, 'kajak', { title: 'Selling stuff' });
    const [opening] = thread.posts;
    const hidden = await convener.agent.post(`/p/${opening!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 2 });
    expect(hidden.status).toBe(200);
    expect((await convener.agent.post(`/p/${opening!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 3 })).status).toBe(400);
  });
});
