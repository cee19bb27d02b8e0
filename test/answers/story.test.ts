// The "done when", step by step: a member asks whether anyone can lend 40 life jackets, two
// reply, the asker marks one as the answer and thanks both, the board shows the question answered;
// another member offers their meeting room for the winter "until 31 March", which /offers lists until
// then and not the day after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { translator } from '../../src/core/i18n/index.js';
import { startOfDayIn } from '../../src/core/time.js';
import { currentOffersFor } from '../../src/offers/public.js';
import { forumToday } from '../../src/offers/offers.service.js';

describe('the issue’s story', () => {
  let ctx: TestContext;
  let admin: Member;
  let maja: Member;
  let jonas: Member;
  let lisa: Member;
  let sofia: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx, { username: 'admin_s' });
    maja = await signUp(ctx, { username: 'maja_s', displayName: 'Maja' });
    jonas = await signUp(ctx, { username: 'jonas_s', displayName: 'Jonas' });
    lisa = await signUp(ctx, { username: 'lisa_s', displayName: 'Lisa' });
    sofia = await signUp(ctx, { username: 'sofia_s', displayName: 'Sofia' });
    await createNetwork(admin.agent, { slug: 'alla', name: 'Alla i turismen' });
  });
  afterAll(() => ctx.close());

  it('asks, answers, thanks, and offers until 31 March', async () => {
    const question = await startThread(maja.agent, 'alla', { title: 'Can anyone lend 40 life jackets?', body: 'For a school group on Friday.' });
    const first = await reply(jonas.agent, question.id, 'I have 25 at the jetty.');
    const second = await reply(lisa.agent, question.id, 'I can lend all 40, come by on Thursday.');
    await maja.agent.post(`/p/${second.id}/accept`).set('accept', JSON_ACCEPT).expect(200);
    for (const id of [first.id, second.id]) {
      expect((await maja.agent.post(`/p/${id}/thanks`).set('accept', JSON_ACCEPT)).body).toMatchObject({ thanked: true, count: 1 });
    }
    const board = await guest(ctx).get('/n/alla').set('accept', JSON_ACCEPT);
    expect(board.body.threads.find((thread: { id: number }) => thread.id === question.id)).toMatchObject({ kind: 'question', answered: true });
    const thread = await guest(ctx).get(`/t/${question.id}`).set('accept', JSON_ACCEPT);
    expect(thread.body.answer).toMatchObject({ id: second.id, thanks: 1 });

    // The next 31 March (within a year, on the forum's calendar).
    const today = forumToday('Europe/Stockholm', new Date());
    const year = Number(today.slice(0, 4));
    const until = `${today.slice(5) <= '03-31' ? year : year + 1}-03-31`;
    const offer = await sofia.agent
      .post('/n/alla/threads')
      .set('accept', JSON_ACCEPT)
      .send({ title: 'Our meeting room for the winter', body: 'Seats 12, with a projector.', kind: 'offer', until, audience: 'everyone' });
    expect(offer.status).toBe(201);
    const listed = async (now: Date) => (await currentOffersFor(ctx.db, null, translator('en'), 'Europe/Stockholm', now)).map((o) => o.threadId);
    expect((await guest(ctx).get('/offers').set('accept', JSON_ACCEPT)).body.offers.map((o: { threadId: number }) => o.threadId)).toContain(offer.body.id);
    const lastDay = new Date(startOfDayIn('Europe/Stockholm', until)!.getTime() + 20 * 3600 * 1000);
    const dayAfter = startOfDayIn('Europe/Stockholm', `${until.slice(0, 4)}-04-01`)!;
    expect(await listed(lastDay)).toContain(offer.body.id);
    expect(await listed(dayAfter)).not.toContain(offer.body.id);
  });
});
