import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createDatabase, type Database } from '../../src/db/connect.js';
import type { FastifyInstance } from 'fastify';
import { JSON_ACCEPT, signUp } from '../helpers/agents.js';
import { onPostgres, type TestContext } from '../helpers/context.js';
import { createNetwork, reply, startThread } from '../helpers/forum.js';
import { createEmailContext, forgetSignUpEmails, startSmtp, type SmtpListener } from '../email/support.js';

// Two instances need a database server both can reach; PGlite lives inside one process.
describe.runIf(onPostgres)('notifications and email with two instances on one PostgreSQL', () => {
  let smtp: SmtpListener;
  let a: TestContext;
  let b: FastifyInstance;
  let secondDatabase: Database;

  beforeAll(async () => {
    smtp = await startSmtp();
    a = await createEmailContext({ SMTP_URL: smtp.url });
    secondDatabase = await createDatabase({ databaseUrl: a.databaseUrl, dataDir: '' });
    b = await buildApp(a.config, { database: secondDatabase, logger: false, email: { senderPollMs: 0 } });
    await b.ready();
  });
  afterAll(async () => {
    await b.close();
    await secondDatabase.close();
    await a.close();
    await smtp.close();
  });

  it('writes each notification once although both instances\u2019 workers run on every event', async () => {
    const admin = await signUp(a);
    const readers = [];
    for (let i = 0; i < 5; i += 1) readers.push(await signUp(a));
    await forgetSignUpEmails(a, smtp);
    await createNetwork(admin.agent, { slug: 'kajak' });
    for (const reader of readers) {
      await reader.agent.post('/n/kajak/follow').set('accept', JSON_ACCEPT).send({ level: 'posts' }).expect(200);
      await reader.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    }
    const thread = await startThread(admin.agent, 'kajak');
    for (let i = 0; i < 10; i += 1) await reply(admin.agent, thread.id, `reply ${i}`);
    // Both drain at once, as they would when woken by the same NOTIFY.
    await Promise.all([a.app.notifications.runWorker(), b.notifications.runWorker(), a.app.notifications.runWorker(), b.notifications.runWorker()]);
    const counts = await a.db
      .selectFrom('notifications')
      .select(['account_id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('account_id')
      .execute();
    expect(counts).toHaveLength(5);
    for (const row of counts) expect(row.count).toBe(11);
    // One open batch per reader, however the events were split between the instances.
    expect(await a.db.selectFrom('email_outbox').select('id').execute()).toHaveLength(5);

    // Both senders at once: every email goes exactly once.
    const due = new Date(Date.now() + 11 * 60_000);
    const [byA, byB] = await Promise.all([a.app.email.runSender(due), b.email.runSender(due)]);
    expect(byA + byB).toBe(5);
    await smtp.waitFor(5);
    // A run resolves once its mail server has taken what it sent: nothing more is on its way.
    expect(await Promise.all([a.app.email.runSender(due), b.email.runSender(due)])).toEqual([0, 0]);
    expect(smtp.mails).toHaveLength(5);
    expect(new Set(smtp.mails.flatMap((m) => m.to)).size).toBe(5);
  });
});
