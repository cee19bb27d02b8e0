// The actions under a post and the moderation tools, as each viewer finds them: one "⋯" menu holding
// only what the viewer may do, a hidden post marked for those who still read it (by whom and why),
// the hide form's rules from the network's list, the review queue's "Agree and hide" first, the
// conveners page, and suspend/bar reachable from a person's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { networksWithConveners, reply, startThread } from '../helpers/forum.js';

describe('post actions and moderation tools', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let author: Member;
  let member: Member;
  let threadId: number;
  let openingId: number;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'tools_admin' });
    convener = await signUp(ctx, { username: 'tools_convener', displayName: 'Cia Convener' });
    author = await signUp(ctx, { username: 'tools_author', displayName: 'Elin Kajak' });
    member = await signUp(ctx, { username: 'tools_member' });
    await networksWithConveners(admin.agent, { kajak: { name: 'Kajak', convener: 'tools_convener' }, fiske: { name: 'Fiske' } });
    await convener.agent
      .post('/n/kajak/rules')
      .set('accept', JSON_ACCEPT)
      .send({ title: ['Stay on kayaking', 'No selling'], body: ['', ''] })
      .expect(200);
    const thread = await startThread(author.agent, 'kajak', { title: 'Tides at the point' });
    threadId = thread.id;
    openingId = thread.posts[0]!.id;
  });
  afterAll(() => ctx.close());

  const en = (request: ReturnType<Agent['get']>) => request.set('accept', HTML).set('accept-language', 'en');
  /** One post's HTML on the thread page, as this viewer sees it. */
  async function postHtml(agent: Agent, postId: number): Promise<string> {
    const text = (await en(agent.get(`/t/${threadId}`))).text;
    const start = text.lastIndexOf('<article', text.indexOf(`id="p-${postId}"`));
    return text.slice(start, text.indexOf('</article>', start));
  }
  /** The menu's items: the text of each link or button inside the post's "⋯" menu. */
  function menuItems(html: string): string[] {
    const menu = /<ul class="menu-items">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    return [...menu.matchAll(/<(?:a|button)[^>]*>([^<]+)<\/(?:a|button)>/g)].map((m) => m[1]!.trim());
  }

  it('keeps Reply inline and puts only the viewer’s own actions in one ⋯ menu named for the post’s author', async () => {
    const post = await reply(author.agent, threadId, 'High tide at six');
    const forAuthor = await postHtml(author.agent, post.id);
    expect(forAuthor).toContain('data-reply-to');
    expect(forAuthor).toContain('<span class="visually-hidden">More actions for the post by Elin Kajak</span>');
    expect(menuItems(forAuthor)).toEqual(['Edit', 'Delete']);
    expect(menuItems(await postHtml(member.agent, post.id))).toEqual(['Flag']);
    expect(menuItems(await postHtml(convener.agent, post.id))).toEqual(['Flag', 'Hide']);
    expect(menuItems(await postHtml(admin.agent, post.id))).toEqual(['Edit', 'Delete', 'Flag', 'Hide']);
    // The opening post's moderators may move the thread from it.
    expect(menuItems(await postHtml(convener.agent, openingId))).toEqual(['Flag', 'Hide', 'Move the thread']);
    const forGuest = await postHtml(guest(ctx), post.id);
    expect(forGuest).not.toContain('post-menu');
    expect(forGuest).not.toContain('data-reply-to');
    // The menu's items are links to pages (the flag and hide forms), not forms in every post. Beside Reply, the
    // asker alone gets one form: marking the reply as their question's answer (README, Answers, thanks and offers).
    expect(forAuthor.replace(/<form method="post" action="\/p\/\d+\/accept"[\s\S]*?<\/form>/, '')).not.toContain('<form');
    expect(await postHtml(member.agent, post.id)).toContain(`href="/p/${post.id}/flag"`);
  });

  it('offers the network’s rules on the hide form and says the note is public in the log', async () => {
    const post = await reply(member.agent, threadId, 'Selling my old paddle');
    const form = await en(convener.agent.get(`/p/${post.id}/hide`));
    expect(form.status).toBe(200);
    expect(form.text).toContain('<option value="1">1. Stay on kayaking</option>');
    expect(form.text).toContain('<option value="2">2. No selling</option>');
    expect(form.text).toContain('Public: the note is shown in the network’s moderation log.');
    expect(form.text).toContain('data-confirm="Hide this post from members?"');
    const json = await convener.agent.get(`/p/${post.id}/hide`).set('accept', JSON_ACCEPT);
    expect(json.body.rules).toEqual([
      { number: 1, title: 'Stay on kayaking' },
      { number: 2, title: 'No selling' },
    ]);
    // The flag form lists them too, and says who reads its note.
    const flag = await en(member.agent.get(`/p/${openingId}/flag`));
    expect(flag.text).toContain('<option value="2">2. No selling</option>');
    expect(flag.text).toContain('Only the network’s conveners see it.');

    const hidden = await convener.agent
      .post(`/p/${post.id}/hide`)
      .set('accept', HTML)
      .type('form')
      .send({ reason: 'rule', rule: '2', note: 'Use the market board' });
    expect(hidden.status).toBe(303);
    const row = await ctx.db.selectFrom('posts').select(['hidden_reason', 'hidden_rule', 'hidden_note']).where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ hidden_reason: 'rule', hidden_rule: 2, hidden_note: 'Use the market board' });
  });

  it('marks a hidden post for those who still read it: hidden, why, the note and by whom (a convener or an admin)', async () => {
    const byConvener = await reply(member.agent, threadId, 'Cheap tents for sale');
    await convener.agent.post(`/p/${byConvener.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 2, note: 'Try the market' }).expect(200);
    const byAdmin = await reply(member.agent, threadId, 'Cheap boats for sale');
    const adminHid = await admin.agent.post(`/p/${byAdmin.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' });
    // The JSON keeps its shape.
    expect(adminHid.body.hidden).toEqual({ by: 'convener', reason: 'spam', rule: null });

    const forAuthorOfConvenerHide = await postHtml(member.agent, byConvener.id);
    expect(forAuthorOfConvenerHide).toContain('class="hidden-notice hidden-band"');
    expect(forAuthorOfConvenerHide).toContain('Hidden by a convener: breaks rule 2 (No selling)');
    expect(forAuthorOfConvenerHide).toContain('Note: Try the market');
    expect(forAuthorOfConvenerHide).toContain('Cheap tents for sale');
    const forConvener = await postHtml(convener.agent, byAdmin.id);
    expect(forConvener).toContain('Hidden by an admin: spam');
    expect(forConvener).toContain('Cheap boats for sale');
    expect(menuItems(forConvener)).toEqual(['Unhide']);
    // Whoever may not read it sees the placeholder, naming the admin too.
    const forGuest = await postHtml(guest(ctx), byAdmin.id);
    expect(forGuest).toContain('Hidden by an admin: spam');
    expect(forGuest).not.toContain('Cheap boats');
    expect(forGuest).not.toContain('hidden-band');
    expect(await postHtml(guest(ctx), byConvener.id)).toContain('Hidden by a convener: breaks rule 2 (No selling)');
  });

  it('puts “Agree and hide” first in each review item, with the network’s rules to choose from', async () => {
    const post = await reply(author.agent, threadId, 'Flag me please');
    await member.agent.post(`/p/${post.id}/flag`).set('accept', JSON_ACCEPT).send({ reason: 'rule', rule: 2 }).expect(201);
    const review = await en(convener.agent.get('/n/kajak/review'));
    expect(review.status).toBe(200);
    const item = review.text.slice(review.text.indexOf(`id="p-${post.id}"`));
    const actions = item.slice(item.indexOf('class="review-actions"'));
    const agree = actions.indexOf('Agree and hide');
    expect(agree).toBeGreaterThan(-1);
    expect(agree).toBeLessThan(actions.indexOf('Dismiss the flags'));
    expect(actions).toContain('<option value="2" selected>2. No selling</option>');
    expect(review.text).toContain('/static/js/confirm.js');
    const json = await convener.agent.get('/n/kajak/review').set('accept', JSON_ACCEPT);
    expect(Object.keys(json.body.posts[0]).sort()).toEqual(['countedFlags', 'flags', 'latestFlagAt', 'network', 'openFlags', 'post', 'suggested', 'thread']);

    const agreed = await convener.agent.post(`/p/${post.id}/hide`).set('accept', HTML).type('form').send({ reason: 'rule', rule: '2' });
    expect(agreed.status).toBe(303);
    expect((await ctx.db.selectFrom('posts').select('hidden_rule').where('id', '=', post.id).executeTakeFirstOrThrow()).hidden_rule).toBe(2);
  });

  it('gives admins a conveners page to appoint and remove, shows conveners the list, refuses everyone else', async () => {
    const page = await en(admin.agent.get('/n/fiske/conveners'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('The network has no conveners yet.');
    // One field: invite, or (admins) appoint at once.
    expect(page.text).toContain('formaction="/n/fiske/conveners"');

    const unknown = await en(admin.agent.post('/n/fiske/conveners')).type('form').send({ username: 'nobody_here' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('There is no account with that username');
    expect(unknown.text).toContain('value="nobody_here"');

    const appointed = await admin.agent.post('/n/fiske/conveners').set('accept', HTML).type('form').send({ username: 'tools_member' });
    expect(appointed.status).toBe(303);
    expect(appointed.headers.location).toBe('/n/fiske/conveners');
    const after = await en(admin.agent.get('/n/fiske/conveners'));
    expect(after.text).toContain('@tools_member');
    expect(after.text).toContain('action="/n/fiske/conveners/tools_member/remove"');
    expect((await admin.agent.get('/n/fiske/conveners').set('accept', JSON_ACCEPT)).body).toEqual({
      network: 'fiske',
      conveners: [{ username: 'tools_member', displayName: member.displayName }],
      invitations: [],
    });

    // A convener sees who convenes and may invite, without the admin's appointing and removing; others may not look.
    const forConvener = await en(member.agent.get('/n/fiske/conveners'));
    expect(forConvener.status).toBe(200);
    expect(forConvener.text).toContain('@tools_member');
    expect(forConvener.text).not.toContain('/remove"');
    expect(forConvener.text).not.toContain('formaction="/n/fiske/conveners"');
    expect(forConvener.text).toContain('action="/n/fiske/conveners/invitations"');
    expect((await convener.agent.get('/n/fiske/conveners').set('accept', HTML)).status).toBe(403);
    expect((await guest(ctx).get('/n/fiske/conveners').set('accept', HTML)).status).toBe(303);

    const removed = await admin.agent.post('/n/fiske/conveners/tools_member/remove').set('accept', HTML).type('form').send({});
    expect(removed.status).toBe(303);
    expect((await en(admin.agent.get('/n/fiske/conveners'))).text).toContain('The network has no conveners yet.');
  });

  it('reaches suspend (admins) and bar (the network’s moderators) from a person’s page, for those who may use them', async () => {
    const person = (agent: Agent) => en(agent.get('/u/tools_author'));
    const forAdmin = (await person(admin.agent)).text;
    expect(forAdmin).toContain('href="/u/tools_author/suspend"');
    expect(forAdmin).toContain('href="/n/kajak/bar?username=tools_author"');
    expect(forAdmin).toContain('href="/n/fiske/bar?username=tools_author"');
    const forConvener = (await person(convener.agent)).text;
    expect(forConvener).not.toContain('/suspend');
    expect(forConvener).toContain('href="/n/kajak/bar?username=tools_author">Bar from Kajak</a>');
    expect(forConvener).not.toContain('/n/fiske/bar');
    for (const agent of [member.agent, guest(ctx), author.agent]) expect((await person(agent)).text).not.toContain('/bar?');
    // An admin cannot be suspended: no link to try.
    expect((await en(convener.agent.get('/u/tools_admin'))).text).not.toContain('/suspend');
    expect((await en(author.agent.get('/u/tools_admin'))).text).not.toContain('person-tools');

    const bar = await en(convener.agent.get('/n/kajak/bar?username=tools_author'));
    expect(bar.status).toBe(200);
    expect(bar.text).toContain('value="tools_author"');
    expect(bar.text).toContain('data-confirm="Bar this account from posting in the network?"');
    const suspend = await en(admin.agent.get('/u/tools_author/suspend'));
    expect(suspend.text).toContain('data-confirm="Suspend this account from posting?"');
    expect(suspend.text).toContain('/static/js/confirm.js');
  });
});
