// A notifications page and an email cost a fixed number of queries, whatever they hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTML, JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, type SmtpListener, startSmtp } from '../email/support.js';

describe('queries per notifications page and per email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let admin: Member;
  const queries: string[] = [];
  let counting = false;

  beforeAll(async () => {
    smtp = await startSmtp();
    // The event bridge reads the events table in the background on its own schedule; not the page's cost.
    ctx = await createEmailContext({ SMTP_URL: smtp.url }, {}, (sql) => counting && !/from "events"/.test(sql) && queries.push(sql));
    admin = await signUp(ctx);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  async function count(work: () => PromiseLike<unknown>): Promise<number> {
    await ctx.app.notifications.runWorker();
    queries.length = 0;
    counting = true;
    await work();
    counting = false;
    return queries.length;
  }

  /** A reader who follows the board at "posts" and gets `threads` threads with `replies` replies each. */
  async function readerWith(threads: number, replies: number): Promise<Member> {
    const reader = await signUp(ctx);
    await forgetSignUpEmails(ctx, smtp);
    await reader.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await reader.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'daily' }).expect(200);
    for (let i = 0; i < threads; i += 1) {
      const thread = await startThread(admin.agent, 'kajak');
      for (let j = 0; j < replies; j += 1) await reply(admin.agent, thread.id, `reply ${j}`);
    }
    await ctx.app.notifications.runWorker();
    await reader.agent.post('/n/kajak/unfollow').set('accept', JSON_ACCEPT).expect(200);
    return reader;
  }

  it('builds a notifications page in the same number of queries for 2 and for 40 notifications', async () => {
    const few = await readerWith(1, 1);
    const many = await readerWith(4, 9);
    const forFew = await count(() => few.agent.get('/notifications').set('accept', HTML).expect(200));
    const forMany = await count(() => many.agent.get('/notifications').set('accept', HTML).expect(200));
    const json = await count(() => many.agent.get('/notifications').set('accept', JSON_ACCEPT).expect(200));
    console.log(`notifications page: ${forMany} queries (HTML), ${json} (JSON)`);
    expect(forMany).toBe(forFew);
    // Session, unread count (header), groups, details, invitations to a business's staff, invitations to
    // convene, notices about network proposals.
    expect(forMany).toBeLessThanOrEqual(7);
    expect(json).toBeLessThanOrEqual(forMany);
  });

  it('composes and sends a digest in the same number of queries for 2 and for 40 notifications', async () => {
    await ctx.db.updateTable('email_outbox').set({ status: 'cancelled' }).execute();
    const few = await readerWith(1, 1);
    const fewBatch = await ctx.db.selectFrom('email_outbox').select('id').where('status', '=', 'open').execute();
    expect(fewBatch).toHaveLength(1);
    // The signing key is read (and on a new forum stored) once per process; not an email's cost.
    await ctx.app.email.signer();
    const forFew = await count(() => ctx.app.email.runSender(new Date(Date.now() + 25 * 3600_000)));
    const many = await readerWith(4, 9);
    const forMany = await count(() => ctx.app.email.runSender(new Date(Date.now() + 25 * 3600_000)));
    console.log(`digest: ${forMany} queries for one email (claim, recipient, notifications, mark sent, and the final empty claim)`);
    expect(forMany).toBe(forFew);
    expect(forMany).toBeLessThanOrEqual(5);
    expect(smtp.mails.map((m) => m.to[0])).toEqual([`${few.username}@example.test`, `${many.username}@example.test`]);
  });
});
