// Offers: a thread of kind offer with a day (at most a year ahead, on the forum's calendar) and an
// audience; the current ones listed on /offers and beside their board, newest first, until the day
// is over in the forum's time zone; ended early, extended and taken by their author.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { translator } from '../../src/core/i18n/index.js';
import { startOfDayIn } from '../../src/core/time.js';
import { currentOffersFor, currentOffersOf, offerOfThread } from '../../src/offers/public.js';
import { aYearOn, forumToday } from '../../src/offers/offers.service.js';

const ZONE = 'Europe/Stockholm';

/** The forum's day `days` from today, as YYYY-MM-DD. */
function dayAhead(days: number): string {
  return forumToday(ZONE, new Date(Date.now() + days * 24 * 3600 * 1000));
}

describe('offers', () => {
  let ctx: TestContext;
  let admin: Member;
  let lender: Member;
  let member: Member;
  let outsider: Member;
  const t = translator('en');

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_o' });
    lender = await signUp(ctx, { username: 'lender', displayName: 'Lena Lender' });
    member = await signUp(ctx, { username: 'member_o' });
    outsider = await signUp(ctx, { username: 'outsider_o' });
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'kultur', name: 'Kultur' });
    await member.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
    await lender.agent.post('/n/kajak/join').set('accept', JSON_ACCEPT).expect(200);
  });
  afterAll(() => ctx.close());

  function offer(title: string, until: string, audience: 'network' | 'everyone' = 'network', network = 'kajak') {
    return lender.agent.post(`/n/${network}/threads`).set('accept', JSON_ACCEPT).send({ title, body: 'Ask me.', kind: 'offer', until, audience });
  }

  const listed = async (agent: Member | null) => {
    const response = await (agent ? agent.agent : guest(ctx)).get('/offers').set('accept', JSON_ACCEPT);
    expect(response.status).toBe(200);
    return (response.body.offers as Array<{ threadId: number; title: string; state: string }>).map((o) => o.title);
  };

  it('starts an offer with a day within the year and to whom; refuses no day, a past day and one past a year (400 naming until)', async () => {
    const made = await offer('Our meeting room for the winter', dayAhead(60), 'everyone');
    expect(made.status).toBe(201);
    const row = await ctx.db.selectFrom('offers').selectAll().where('thread_id', '=', made.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ audience: 'everyone', status: 'open', ended_at: null });
    expect((await ctx.db.selectFrom('threads').select('kind').where('id', '=', made.body.id).executeTakeFirstOrThrow()).kind).toBe('offer');

    for (const until of [undefined, dayAhead(-2), dayAhead(400), '2026-02-30']) {
      const refused = await lender.agent
        .post('/n/kajak/threads')
        .set('accept', JSON_ACCEPT)
        .send({ title: 'A refused offer', body: 'x', kind: 'offer', ...(until ? { until } : {}) });
      expect(refused.status, String(until)).toBe(400);
      expect(Object.keys(refused.body.fields)).toEqual(['until']);
    }
    expect((await offer('Exactly a year', aYearOn(forumToday(ZONE, new Date())))).status).toBe(201);
    // A browser sees the form again with the error beside the date.
    const form = await lender.agent
      .post('/n/kajak/threads')
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ title: 'No day', body: 'x', kind: 'offer' });
    expect(form.status).toBe(400);
    expect(form.text).toMatch(/id="field-until"[^>]*aria-invalid="true"/);
    expect(form.text).toMatch(/name="kind" value="offer" checked/);
  });

  it('lists current offers newest first: to everyone for all, to a network for its members; beside the board too', async () => {
    await offer('Kayak trailer (everyone)', dayAhead(10), 'everyone');
    await offer('Paddles for members', dayAhead(10), 'network');
    expect((await listed(null)).slice(0, 1)).toEqual(['Kayak trailer (everyone)']);
    expect(await listed(null)).not.toContain('Paddles for members');
    expect(await listed(outsider)).not.toContain('Paddles for members');
    expect((await listed(member)).slice(0, 2)).toEqual(['Paddles for members', 'Kayak trailer (everyone)']);

    const board = await guest(ctx).get('/n/kajak').set('accept', HTML).set('accept-language', 'en');
    const aside = board.text.slice(board.text.indexOf('aside-offers'));
    expect(aside).toContain('Paddles for members');
    expect(aside).toContain('Kayak trailer (everyone)');
    const page = await guest(ctx).get('/offers').set('accept', HTML).set('accept-language', 'en');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kayak trailer (everyone)');
  });

  it('leaves the lists the day after its date, at midnight in the forum’s time zone, and then shows "ended"', async () => {
    const until = dayAhead(5);
    const made = await offer('Room until the fifth day', until, 'everyone');
    const network = await ctx.db.selectFrom('networks').select('id').where('slug', '=', 'kajak').executeTakeFirstOrThrow();
    const lastEvening = new Date(startOfDayIn(ZONE, until)!.getTime() + 23.5 * 3600 * 1000);
    const nextMorning = new Date(startOfDayIn(ZONE, dayAfter(until))!.getTime() + 10 * 60 * 1000);
    const titles = async (now: Date) => (await currentOffersFor(ctx.db, null, t, ZONE, now)).map((o) => o.title);
    const onBoard = async (now: Date) =>
      (await currentOffersOf({ db: ctx.db, reads: ctx.app.sharedReads }, network.id, null, t, ZONE, now)).offers.map((o) => o.title);
    expect(await titles(lastEvening)).toContain('Room until the fifth day');
    expect(await onBoard(lastEvening)).toContain('Room until the fifth day');
    expect(await titles(nextMorning)).not.toContain('Room until the fifth day');
    expect(await onBoard(nextMorning)).not.toContain('Room until the fifth day');
    expect((await offerOfThread(ctx.db, made.body.id, null, t, ZONE, lastEvening))?.state).toBe('open');
    expect((await offerOfThread(ctx.db, made.body.id, null, t, ZONE, nextMorning))?.state).toBe('ended');
  });

  it('is ended early, extended and marked taken by its author only; the lists follow', async () => {
    const made = await offer('Trailer, ended early', dayAhead(20), 'everyone');
    const id = made.body.id as number;
    const change = (who: Member, body: object) => who.agent.post(`/t/${id}/offer`).set('accept', JSON_ACCEPT).send(body);
    expect((await change(member, { action: 'end' })).status).toBe(403);
    expect((await guest(ctx).post(`/t/${id}/offer`).set('accept', JSON_ACCEPT).send({ action: 'end' })).status).toBe(401);

    const ended = await change(lender, { action: 'end' });
    expect(ended.status).toBe(200);
    expect(ended.body.offer).toMatchObject({ threadId: id, state: 'ended' });
    expect(await listed(null)).not.toContain('Trailer, ended early');

    expect((await change(lender, { action: 'extend', until: dayAhead(500) })).status).toBe(400);
    const extended = await change(lender, { action: 'extend', until: dayAhead(40) });
    expect(extended.body.offer).toMatchObject({ state: 'open', until: dayAhead(40) });
    expect(await listed(null)).toContain('Trailer, ended early');

    const taken = await change(lender, { action: 'taken' });
    expect(taken.body.offer).toMatchObject({ state: 'taken' });
    expect(await listed(null)).not.toContain('Trailer, ended early');
    const page = await guest(ctx).get(`/t/${id}`).set('accept', HTML).set('accept-language', 'en');
    expect(page.text).toContain('>Taken</strong>');

    // A thread that is no offer: 404.
    expect((await lender.agent.post('/t/999999/offer').set('accept', JSON_ACCEPT).send({ action: 'end' })).status).toBe(404);
  });

  it('shows its author the tools on the thread, and a browser the thread again with a notice', async () => {
    const made = await offer('Canoes for the autumn', dayAhead(30), 'everyone');
    const id = made.body.id as number;
    const mine = await lender.agent.get(`/t/${id}`).set('accept', HTML).set('accept-language', 'en');
    expect(mine.text).toContain(`Stands until ${dayAhead(30)}`);
    expect(mine.text).toContain(`action="/t/${id}/offer"`);
    const theirs = await member.agent.get(`/t/${id}`).set('accept', HTML);
    expect(theirs.text).not.toContain(`action="/t/${id}/offer"`);
    const sent = await lender.agent.post(`/t/${id}/offer`).set('accept', HTML).set('accept-language', 'en').type('form').send({ action: 'taken' });
    expect(sent.status).toBe(303);
    const after = await lender.agent.get(`/t/${id}`).set('accept', HTML).set('accept-language', 'en');
    expect(after.text).toContain('The offer is marked as taken.');
    // A refused new date: the offer's own page, the date kept and the error beside it.
    const refused = await lender.agent
      .post(`/t/${id}/offer`)
      .set('accept', HTML)
      .set('accept-language', 'en')
      .type('form')
      .send({ action: 'extend', until: dayAhead(500) });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="field-until"[^>]*value="[0-9-]+"[^>]*aria-invalid="true"/);
    expect(refused.text).toContain('At most a year ahead.');
    expect((await lender.agent.get(`/t/${id}/offer`).set('accept', HTML)).status).toBe(200);
    expect((await member.agent.get(`/t/${id}/offer`).set('accept', HTML)).status).toBe(403);
  });

  it('leaves the lists when its opening post is hidden', async () => {
    const made = await offer('Hidden lending', dayAhead(30), 'everyone');
    const opening = made.body.posts[0].id as number;
    await admin.agent.post(`/p/${opening}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
    expect(await listed(null)).not.toContain('Hidden lending');
    expect(await listed(admin)).not.toContain('Hidden lending');
  });
});

function dayAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}
