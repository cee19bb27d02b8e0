// The home page: a member's networks first and the others with Join, the latest threads of their networks
// with what they have not read, the questions waiting for a first reply; a guest's networks and the latest
// threads of the forum. The default network comes first everywhere, and there is one at most.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { untilEventsSeen } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { hoursFromNow, startMeeting } from '../meetings/helpers.js';

interface Listed {
  id: number;
  title: string;
  path: string;
  network: { slug: string };
  unread?: boolean;
  readFrom?: string;
}

describe('the home page', () => {
  let ctx: TestContext;
  let admin: Member;
  let convener: Member;
  let anna: Member;
  let bo: Member;
  const queries: string[] = [];
  let counting = false;

  beforeAll(async () => {
    // The event bridge reads the events table in the background on its own schedule; not the page's cost.
    ctx = await createTestContext({}, (text) => counting && !/from "events"/.test(text) && queries.push(text));
    admin = await signUp(ctx, { username: 'admin_h' });
    convener = await signUp(ctx, { username: 'convener_h' });
    anna = await signUp(ctx, { username: 'anna_h', displayName: 'Anna Ek' });
    bo = await signUp(ctx, { username: 'bo_h', displayName: 'Bo Lind' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajaknätverket' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiskenätverket' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: convener.username }).expect(200);
    for (const slug of ['kajak', 'alla']) await anna.agent.post(`/n/${slug}/join`).set('accept', JSON_ACCEPT).expect(200);
    for (const slug of ['kajak', 'alla', 'fiske']) await bo.agent.post(`/n/${slug}/join`).set('accept', JSON_ACCEPT).expect(200);
  });
  afterAll(() => ctx.close());

  const home = (agent: Member['agent']) => agent.get('/').set('accept', JSON_ACCEPT).expect(200);
  const homePage = (agent: Member['agent']) => agent.get('/').set('accept', HTML).set('accept-language', 'en').expect(200);
  const edit = (slug: string, isDefault: boolean | undefined) =>
    admin.agent
      .post(`/n/${slug}/edit`)
      .set('accept', JSON_ACCEPT)
      .send({ name: slug === 'alla' ? 'Alla i turismen' : slug, ...(isDefault === undefined ? {} : { isDefault }) });
  const defaults = async () => (await ctx.db.selectFrom('networks').select('slug').where('is_default', '=', true).execute()).map((row) => row.slug);

  it('puts the default network first, set on the network form; choosing another moves it, and one is all there is', async () => {
    const form = await admin.agent.get('/n/alla/edit').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(form.text).toContain('The forum’s default network');
    expect(form.text).toMatch(/<input type="radio" name="isDefault" value="false"[^>]* checked>/);

    const saved = await admin.agent
      .post('/n/alla/edit')
      .set('accept', HTML)
      .type('form')
      .send({ name: 'Alla i turismen', description: '', posting: 'anyone', isDefault: 'true' });
    expect(saved.status).toBe(303);
    expect(await defaults()).toEqual(['alla']);
    const body = (await home(guest(ctx))).body;
    expect(body.networks[0]).toMatchObject({ slug: 'alla', isDefault: true });
    expect(body.networks.slice(1).map((n: { isDefault: boolean }) => n.isDefault)).toEqual([false, false]);
    expect((await admin.agent.get('/n/alla/edit').set('accept', HTML).expect(200)).text).toMatch(
      /<input type="radio" name="isDefault" value="true"[^>]* checked>/,
    );

    // A refused form keeps the choice made.
    const refused = await admin.agent.post('/n/fiske/edit').set('accept', HTML).type('form').send({ name: 'F', posting: 'anyone', isDefault: 'true' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/<input type="radio" name="isDefault" value="true"[^>]* checked>/);
    expect(refused.text).not.toMatch(/<input type="radio" name="isDefault" value="false"[^>]* checked>/);
    expect(await defaults()).toEqual(['alla']);
    // A script leaving the choice out keeps it.
    expect((await edit('alla', undefined)).status).toBe(200);
    expect(await defaults()).toEqual(['alla']);
    // Another network chosen takes the place.
    expect((await edit('fiske', true)).body).toMatchObject({ slug: 'fiske', isDefault: true });
    expect(await defaults()).toEqual(['fiske']);
    // Two admins' choices at once: both answered, one default.
    const both = await Promise.all([edit('alla', true), edit('kajak', true), edit('alla', true), edit('kajak', true)]);
    expect(both.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await defaults()).toHaveLength(1);
    // The database itself refuses a second.
    await expect(sql`update networks set is_default = true`.execute(ctx.db)).rejects.toThrow();
    // Back to the open board for the rest of the file.
    expect((await edit('alla', true)).status).toBe(200);
    expect(await defaults()).toEqual(['alla']);
    // Every list of networks starts with it: a member's networks on their profile too.
    const profile = await guest(ctx).get(`/u/${bo.username}`).set('accept', JSON_ACCEPT).expect(200);
    expect(profile.body.memberOf.map((n: { slug: string }) => n.slug)).toEqual(['alla', 'fiske', 'kajak']);
  });

  it('shows a guest every network and the latest threads of the forum, never a hidden title', async () => {
    const visible = await startThread(bo.agent, 'fiske', { title: 'Where do the perch bite in June?' });
    const hidden = await startThread(bo.agent, 'kajak', { title: 'Cheap kayaks, call me now' });
    await convener.agent.post(`/p/${hidden.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);

    const body = (await home(guest(ctx))).body;
    expect(Object.keys(body).sort()).toEqual(['forum', 'latest', 'networks', 'upcomingMeetings']);
    expect(body.networks.map((n: { slug: string }) => n.slug)[0]).toBe('alla');
    const latest = body.latest as Listed[];
    expect(latest.map((t) => t.id)).toContain(visible.id);
    expect(latest.map((t) => t.id)).not.toContain(hidden.id);
    expect(latest.find((t) => t.id === visible.id)).toMatchObject({ title: 'Where do the perch bite in June?', network: { slug: 'fiske' } });
    expect(latest[0]).not.toHaveProperty('unread');

    const page = await homePage(guest(ctx));
    expect(page.text).toContain('Latest threads');
    expect(page.text).toContain('Where do the perch bite in June?');
    expect(page.text).not.toContain('Cheap kayaks');
    expect(page.text).not.toContain('/networks/proposals');
    expect(page.text).not.toContain('>Unread<');
    // Not even those who may read it see a hidden thread here: it is no news.
    expect(JSON.stringify((await home(convener.agent)).body)).not.toContain('Cheap kayaks');
  });

  it('drops a guest’s cached home when a thread on it is hidden', async () => {
    const thread = await startThread(bo.agent, 'alla', { title: 'Soon to be hidden from the front page' });
    for (let i = 0; i < 2; i += 1) expect((await homePage(guest(ctx))).text).toContain('Soon to be hidden from the front page');
    await admin.agent.post(`/p/${thread.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    expect((await homePage(guest(ctx))).text).not.toContain('Soon to be hidden from the front page');
  });

  it('shows a member their networks first, the latest threads there with what they have not read, and the others with Join', async () => {
    const inKajak = await startThread(bo.agent, 'kajak', { title: 'Sharing a trailer this season?' });
    const inFiske = await startThread(bo.agent, 'fiske', { title: 'Net licences for guests' });
    const body = (await home(anna.agent)).body;
    expect(body.yourNetworks).toEqual(['alla', 'kajak']);
    const latest = body.latest as Listed[];
    expect(latest.map((t) => t.id)).toContain(inKajak.id);
    expect(latest.map((t) => t.id)).not.toContain(inFiske.id);
    expect(latest.every((t) => ['alla', 'kajak'].includes(t.network.slug))).toBe(true);
    expect(latest.find((t) => t.id === inKajak.id)).toMatchObject({ unread: true, readFrom: `/t/${inKajak.id}/sharing-a-trailer-this-season` });

    const page = await homePage(anna.agent);
    const order = ['Your networks', 'Latest in your networks', 'Needs a reply', 'Other networks'].map((heading) => page.text.indexOf(`>${heading}</h2>`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const yours = page.text.slice(order[0], order[1]);
    expect(yours.indexOf('href="/n/alla"')).toBeLessThan(yours.indexOf('href="/n/kajak"'));
    expect(page.text).toMatch(
      /<li class="thread-row unread">\s*<a class="thread-title" href="\/t\/\d+\/sharing-a-trailer-this-season">Sharing a trailer this season\?<\/a>\s*<span class="badge unread-badge">Unread<\/span>/,
    );
    // Fiske is not hers: offered with Join, which works without JavaScript.
    const others = page.text.slice(order[3]);
    expect(others).toContain('href="/n/fiske"');
    expect(others).toContain('action="/n/fiske/join"');
    expect(others).not.toContain('action="/n/kajak/join"');
    expect(page.text).toContain('href="/networks/proposals"');

    // Opened, it is read; a reply by someone else makes it unread again, leading to that reply.
    await anna.agent.get(`/t/${inKajak.id}`).set('accept', HTML).expect(200);
    expect(((await home(anna.agent)).body.latest as Listed[]).find((t) => t.id === inKajak.id)!.unread).toBe(false);
    const answer = await reply(convener.agent, inKajak.id, 'Yes, ours is free on Tuesdays.');
    expect(((await home(anna.agent)).body.latest as Listed[]).find((t) => t.id === inKajak.id)).toMatchObject({ unread: true, readFrom: `/p/${answer.id}` });
  });

  it('lists the questions in a member’s networks that nobody has answered, the oldest first, not their own, not locked or hidden ones', async () => {
    const older = await startThread(bo.agent, 'alla', { title: 'Who cleans the public toilets at the harbour?' });
    const newer = await startThread(bo.agent, 'kajak', { title: 'Spray skirts in size XL?' });
    const own = await startThread(anna.agent, 'alla', { title: 'My own open question' });
    const locked = await startThread(bo.agent, 'alla', { title: 'Locked one' });
    await admin.agent.post(`/t/${locked.id}/lock`).set('accept', JSON_ACCEPT).expect(200);
    const elsewhere = await startThread(bo.agent, 'fiske', { title: 'Not in her networks' });
    const answered = await startThread(bo.agent, 'alla', { title: 'Answered already' });
    await reply(convener.agent, answered.id, 'Here is your answer.');
    const hidden = await startThread(bo.agent, 'kajak', { title: 'Hidden question' });
    await convener.agent.post(`/p/${hidden.posts[0]!.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' }).expect(200);
    const ancient = await startThread(bo.agent, 'alla', { title: 'Asked long ago' });
    await sql`update threads set created_at = now() - interval '45 days' where id = ${ancient.id}`.execute(ctx.db);

    const needsReply = (await home(anna.agent)).body.needsReply as Listed[];
    const ids = needsReply.map((t) => t.id);
    expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    for (const left of [own, locked, elsewhere, answered, hidden, ancient]) expect(ids).not.toContain(left.id);
    // Answered, it leaves the list.
    await reply(anna.agent, older.id, 'The harbour office does.');
    expect(((await home(anna.agent)).body.needsReply as Listed[]).map((t) => t.id)).not.toContain(older.id);
    const page = await homePage(anna.agent);
    expect(page.text.slice(page.text.indexOf('>Needs a reply</h2>'))).toContain('Spray skirts in size XL?');
  });

  it('tells a member who belongs nowhere so, and offers every network to join', async () => {
    const loner = await signUp(ctx);
    const body = (await home(loner.agent)).body;
    expect(body).toMatchObject({ yourNetworks: [], latest: [], needsReply: [] });
    const page = await homePage(loner.agent);
    expect(page.text).toContain('You are not a member of any network yet.');
    for (const slug of ['alla', 'kajak', 'fiske']) expect(page.text).toContain(`action="/n/${slug}/join"`);
  });

  it('serves a member’s home in the same number of queries for few and for many threads and networks', async () => {
    async function count(agent: Member['agent']): Promise<number> {
      await ctx.app.notifications.runWorker();
      // Once this instance has seen the writes' events, a page read the session and unread count it keeps.
      await untilEventsSeen(ctx);
      await agent.get('/').set('accept', HTML).expect(200);
      // Asked again, the page kept for the member answers without a query.
      queries.length = 0;
      counting = true;
      const kept = (await agent.get('/').set('accept', HTML).expect(200)).text;
      expect(queries).toEqual([]);
      // Rendered afresh from the reads kept.
      ctx.app.memberPages.drop('everything');
      const rendered = (await agent.get('/').set('accept', HTML).expect(200)).text;
      counting = false;
      expect(rendered).toBe(kept);
      return queries.length;
    }
    const few = await signUp(ctx);
    await few.agent.post('/n/fiske/join').set('accept', JSON_ACCEPT).expect(200);
    const many = await signUp(ctx);
    for (const slug of ['alla', 'kajak', 'fiske']) await many.agent.post(`/n/${slug}/join`).set('accept', JSON_ACCEPT).expect(200);
    for (let i = 0; i < 25; i += 1) await startThread(bo.agent, ['alla', 'kajak', 'fiske'][i % 3]!);
    const forFew = await count(few.agent);
    const forMany = await count(many.agent);
    expect(forMany).toBe(forFew);
    // The session and the header's unread count come from this instance's cache, the networks and the
    // upcoming meetings from the reads every viewer shares, the member's networks from the reads kept for
    // them (until they join or leave one), their read states of the latest threads from the reads kept for
    // them (until a post, or their reading, changes them); then the latest threads and the questions
    // waiting: two.
    expect(forMany).toBe(2);
  });

  it('filters the latest to questions, unanswered or answered, by the one rule boards use (page and JSON)', async () => {
    const answered = await startThread(anna.agent, 'kajak', { title: 'Who lends 40 life jackets?' });
    const answer = await reply(bo.agent, answered.id, 'We do, at the harbour.');
    await anna.agent.post(`/p/${answer.id}/accept`).set('accept', JSON_ACCEPT).expect(200);
    const open = await startThread(anna.agent, 'kajak', { title: 'When do you open for the season?' });
    const talk = await startThread(anna.agent, 'kajak', { title: 'Thoughts on the new harbour' });
    await anna.agent.post(`/t/${talk.id}/kind`).set('accept', JSON_ACCEPT).send({ kind: 'discussion' }).expect(200);

    const ids = async (query: string) =>
      ((await anna.agent.get(`/${query}`).set('accept', JSON_ACCEPT).expect(200)).body.latest as Array<{ id: number }>).map((row) => row.id);
    expect(await ids('?filter=answered')).toEqual([answered.id]);
    const unanswered = await ids('?filter=unanswered');
    expect(unanswered).toContain(open.id);
    expect(unanswered).not.toContain(answered.id);
    expect(unanswered).not.toContain(talk.id);
    const all = (await home(anna.agent)).body.latest as Array<{ id: number; kind: string; answered: boolean }>;
    expect(all.find((row) => row.id === answered.id)).toMatchObject({ kind: 'question', answered: true });
    expect(all.find((row) => row.id === talk.id)).toMatchObject({ kind: 'discussion', answered: false });

    const page = await anna.agent.get('/?filter=answered').set('accept', HTML).set('accept-language', 'en').expect(200);
    expect(page.text).toContain('<a href="/?filter=answered" aria-current="page">');
    expect(page.text).toContain('Who lends 40 life jackets?');
    expect(page.text).not.toContain('When do you open for the season?');
    // The answer hidden: the question is unanswered on every list, for everyone.
    await admin.agent.post(`/p/${answer.id}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    expect(await ids('?filter=answered')).toEqual([]);
    expect((await anna.agent.get('/?filter=sideways').set('accept', JSON_ACCEPT)).status).toBe(400);
  });

  it('lists the upcoming meetings, those of a member’s networks first, to guests in order of their start', async () => {
    const fishing = await startMeeting(admin.agent, 'fiske', { title: 'Fishing season meeting', startsAt: hoursFromNow(24), endsAt: hoursFromNow(26) });
    const kayaking = await startMeeting(convener.agent, 'kajak', { title: 'Kayak season meeting', startsAt: hoursFromNow(48), endsAt: hoursFromNow(50) });
    const ids = (body: { upcomingMeetings: Array<{ threadId: number; title: string }> }) => body.upcomingMeetings.map((meeting) => meeting.threadId);
    // Anna is in kajak and alla: the kayak meeting first, though the fishing one starts earlier.
    expect(ids((await home(anna.agent)).body)).toEqual([kayaking, fishing]);
    expect(ids((await home(guest(ctx))).body)).toEqual([fishing, kayaking]);
    const page = await homePage(anna.agent);
    expect(page.text).toContain('id="upcoming-heading"');
    expect(page.text.indexOf('Kayak season meeting')).toBeLessThan(page.text.indexOf('Fishing season meeting'));
    expect(page.text).toContain('href="/meetings"');
  });
});
