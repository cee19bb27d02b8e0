// Who may do what: every moderator action against every role, with the exact status, and nothing
// written when the answer is no.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, guest, signUp, type Agent, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';

type Role = 'admin' | 'convener' | 'otherConvener' | 'member' | 'author' | 'guest';
const ROLES: Role[] = ['admin', 'convener', 'otherConvener', 'member', 'author', 'guest'];

/** What a network's moderators may do: its conveners and admins; everyone else signed in 403, guests 401. */
const MODERATORS: Record<Role, number> = { admin: 200, convener: 200, otherConvener: 403, member: 403, author: 403, guest: 401 };
/** What only admins may do. */
const ADMINS: Record<Role, number> = { admin: 200, convener: 403, otherConvener: 403, member: 403, author: 403, guest: 401 };

describe('the role × action matrix', () => {
  let ctx: TestContext;
  let people: Record<Exclude<Role, 'guest'>, Member>;
  let sequence = 0;

  beforeAll(async () => {
    ctx = await createTestContext();
    const admin = await signUp(ctx);
    people = {
      admin,
      convener: await signUp(ctx, { username: 'matrix_convener' }),
      otherConvener: await signUp(ctx, { username: 'matrix_other' }),
      member: await signUp(ctx),
      author: await signUp(ctx, { username: 'matrix_author' }),
    };
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await createNetwork(admin.agent, { slug: 'fiske', name: 'Fiske' });
    await admin.agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username: 'matrix_convener' }).expect(200);
    await admin.agent.post('/n/fiske/conveners').set('accept', JSON_ACCEPT).send({ username: 'matrix_other' }).expect(200);
  });
  afterAll(() => ctx.close());

  function agentOf(role: Role): Agent {
    return role === 'guest' ? guest(ctx) : people[role].agent;
  }

  async function logCount(): Promise<number> {
    const row = await ctx.db
      .selectFrom('moderation_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A fresh thread by the author in kajak, with one reply by the author. */
  async function freshThread() {
    sequence += 1;
    const thread = await startThread(people.author.agent, 'kajak', { title: `Matrix thread ${sequence}` });
    const post = await reply(people.author.agent, thread.id, `Matrix reply ${sequence}`);
    return { threadId: thread.id, postId: post.id };
  }

  interface Action {
    name: string;
    expected: Record<Role, number>;
    /** Makes what the request acts on (a thread, an account…), before the log is counted. */
    prepare(): Promise<{ threadId: number; postId: number; username: string }>;
    /** Sends the request; returns its status. */
    run(agent: Agent, target: { threadId: number; postId: number; username: string }): Promise<number>;
  }

  async function threadTarget() {
    return { ...(await freshThread()), username: '' };
  }

  async function accountTarget() {
    return { threadId: 0, postId: 0, username: (await signUp(ctx)).username };
  }

  const actions: Action[] = [
    {
      name: 'hide',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent, { postId }) {
        return (await agent.post(`/p/${postId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'off-topic' })).status;
      },
    },
    {
      name: 'unhide',
      expected: MODERATORS,
      async prepare() {
        const target = await threadTarget();
        await people.admin.agent.post(`/p/${target.postId}/hide`).set('accept', JSON_ACCEPT).send({ reason: 'spam' }).expect(200);
        return target;
      },
      async run(agent, { postId }) {
        return (await agent.post(`/p/${postId}/unhide`).set('accept', JSON_ACCEPT)).status;
      },
    },
    {
      name: 'move',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent, { threadId }) {
        return (await agent.post(`/t/${threadId}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'About fishing' })).status;
      },
    },
    {
      name: 'lock',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent, { threadId }) {
        return (await agent.post(`/t/${threadId}/lock`).set('accept', JSON_ACCEPT)).status;
      },
    },
    {
      name: 'pin',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent, { threadId }) {
        return (await agent.post(`/t/${threadId}/pin`).set('accept', JSON_ACCEPT)).status;
      },
    },
    {
      name: 'review',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent) {
        return (await agent.get('/n/kajak/review').set('accept', JSON_ACCEPT)).status;
      },
    },
    {
      name: 'appoint',
      expected: ADMINS,
      prepare: accountTarget,
      async run(agent, { username }) {
        return (await agent.post('/n/kajak/conveners').set('accept', JSON_ACCEPT).send({ username })).status;
      },
    },
    {
      name: 'suspend',
      expected: ADMINS,
      prepare: accountTarget,
      async run(agent, { username }) {
        return (await agent.post(`/u/${username}/suspend`).set('accept', JSON_ACCEPT).send({ days: 3, reason: 'Spamming' })).status;
      },
    },
    {
      name: 'bar',
      expected: MODERATORS,
      prepare: accountTarget,
      async run(agent, { username }) {
        return (await agent.post('/n/kajak/bar').set('accept', JSON_ACCEPT).send({ username, days: 3, reason: 'Off-topic ads' })).status;
      },
    },
    {
      name: 'rules',
      expected: MODERATORS,
      prepare: threadTarget,
      async run(agent) {
        return (
          await agent
            .post('/n/kajak/rules')
            .set('accept', JSON_ACCEPT)
            .send({ title: ['Stay on topic'], body: ['Kayaks only.'] })
        ).status;
      },
    },
  ];

  for (const action of actions) {
    it(`${action.name}: ${ROLES.map((role) => `${role} ${action.expected[role]}`).join(', ')}`, async () => {
      const outcomes: Record<string, number> = {};
      for (const role of ROLES) {
        const target = await action.prepare();
        const before = await logCount();
        outcomes[role] = await action.run(agentOf(role), target);
        if (outcomes[role] !== 200) expect(await logCount(), `${action.name} by ${role} wrote a log row`).toBe(before);
      }
      expect(outcomes).toEqual(action.expected);
    });
  }

  it('refuses a moved thread\u2019s further moderation to the conveners of the network it left', async () => {
    const { threadId } = await freshThread();
    await people.convener.agent.post(`/t/${threadId}/move`).set('accept', JSON_ACCEPT).send({ network: 'fiske', note: 'Fishing' }).expect(200);
    expect((await people.convener.agent.post(`/t/${threadId}/lock`).set('accept', JSON_ACCEPT)).status).toBe(403);
    expect((await people.otherConvener.agent.post(`/t/${threadId}/lock`).set('accept', JSON_ACCEPT)).status).toBe(200);
  });
});
