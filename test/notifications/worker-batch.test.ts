// The worker reads a batch's new posts, audiences and watches together (notifications/worker-run.ts).
// What it writes must be what handling the same events one at a time wrote: the same notifications,
// filed into the same emails, and the same watches. In particular, who starts watching a thread by
// writing in it is told of the posts after theirs in the same batch, never of those before.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumedEvent } from '../../src/core/consumer.js';
import { parsePayload } from '../../src/core/events.js';
import { notificationsWorker } from '../../src/notifications/notifications.worker.js';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { untilQuiet } from '../helpers/events.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, startSmtp, type SmtpListener } from '../email/support.js';

describe('the notifications worker, a batch at a time', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  const notifications = () =>
    ctx.db
      .selectFrom('notifications')
      .select(['account_id', 'kind', 'post_id', 'event_id', 'group_key', sql<boolean>`email_id is not null`.as('emailed')])
      .orderBy('event_id')
      .orderBy('account_id')
      .execute();
  const watches = () => ctx.db.selectFrom('thread_watches').select(['account_id', 'thread_id', 'state']).orderBy('account_id').orderBy('thread_id').execute();
  const emailsPerAccount = () =>
    ctx.db
      .selectFrom('email_outbox')
      .select(['account_id', 'network_id', 'kind'])
      .select(sql<number>`count(*)::int`.as('emails'))
      .groupBy(['account_id', 'network_id', 'kind'])
      .orderBy('account_id')
      .execute();

  it('writes what one event at a time wrote', async () => {
    const admin = await signUp(ctx, { username: 'admin_wb' });
    const names = ['opener', 'anna', 'bo', 'cilla', 'dan', 'muted'] as const;
    const members = {} as Record<(typeof names)[number], Member>;
    for (const name of names) members[name] = await signUp(ctx, { username: `${name}_wb` });
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak-wb' });
    // Dan follows every post, by instant email; Cilla is told of new threads, by digest.
    await members.dan.agent.post('/n/kajak-wb/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
    await members.dan.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await members.cilla.agent.post('/n/kajak-wb/follow').set('accept', JSON_ACCEPT).send({ level: 'threads' }).expect(200);

    const thread = await startThread(members.opener.agent, 'kajak-wb', { title: 'Paddling together this weekend' });
    await members.muted.agent.post(`/t/${thread.id}/mute`).set('accept', JSON_ACCEPT).expect(200);
    await untilQuiet(ctx);
    const first = await reply(members.anna.agent, thread.id, 'Count me in.');
    await untilQuiet(ctx);
    await reply(members.bo.agent, thread.id, 'Me too, @cilla_wb and @muted_wb?', first.id);
    await untilQuiet(ctx);
    await reply(members.anna.agent, thread.id, 'Great, see you at the pier.');
    await untilQuiet(ctx);
    await reply(members.muted.agent, thread.id, 'I will be there.');
    await untilQuiet(ctx);
    await reply(members.cilla.agent, thread.id, 'Thanks for asking!');
    await untilQuiet(ctx);

    const oneAtATime = { notifications: await notifications(), watches: await watches(), emails: await emailsPerAccount() };
    // Somebody was told, somebody started watching, somebody was mailed: the comparison below compares something.
    expect(oneAtATime.notifications.map((row) => row.kind)).toEqual(expect.arrayContaining(['thread', 'post', 'reply', 'watched', 'mention']));
    expect(oneAtATime.watches.map((row) => row.state)).toEqual(['watching', 'watching', 'watching', 'watching', 'muted']);
    expect(oneAtATime.emails.length).toBeGreaterThan(0);

    // The same events again, as one batch, on what was there before the worker handled them.
    const events = (
      await ctx.db.selectFrom('events').select(['id', 'name', 'payload']).where('name', 'in', ['thread.created', 'post.created']).orderBy('id').execute()
    ).map((row) => ({ id: row.id, name: row.name, payload: parsePayload(row.payload) }) as ConsumedEvent);
    expect(events.length).toBe(6);
    await ctx.db.deleteFrom('notifications').execute();
    await ctx.db.deleteFrom('email_outbox').execute();
    await ctx.db.deleteFrom('thread_watches').where('state', '=', 'watching').execute();
    const handle = notificationsWorker({ fileInEmails: ctx.app.email.fileInBatches });
    await ctx.db.transaction().execute((tx) => handle(tx, events));

    expect({ notifications: await notifications(), watches: await watches(), emails: await emailsPerAccount() }).toEqual(oneAtATime);
  });
});
