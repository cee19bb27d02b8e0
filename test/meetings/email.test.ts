import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';
import { sendDueReminders } from '../../src/meetings/meetings.service.js';
import { createEmailContext, forgetSignUpEmails, parseMail, startSmtp, type SmtpListener } from '../email/support.js';
import { hoursFromNow, startMeeting } from './helpers.js';

describe('meetings: the reminder by email', () => {
  let smtp: SmtpListener;
  let ctx: TestContext;
  let admin: Member;
  let anna: Member;
  let bo: Member;

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createEmailContext({ SMTP_URL: smtp.url, FORUM_NAME: 'Bryggan' });
    admin = await signUp(ctx, { username: 'mail_admin_m' });
    anna = await signUp(ctx, { username: 'mail_anna_m', displayName: 'Anna', email: 'anna.m@example.test' });
    bo = await signUp(ctx, { username: 'mail_bo_m', displayName: 'Bo', email: 'bo.m@example.test' });
    await forgetSignUpEmails(ctx, smtp);
    await createNetwork(admin.agent, { slug: 'kajak', name: 'Kajak' });
    await ctx.db.updateTable('accounts').set({ locale: 'en' }).execute();
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.close();
  });

  it('mails the reminder to those going who take email, and not to those who take none', async () => {
    await anna.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'instant' }).expect(200);
    await bo.agent.post('/me/email').set('accept', JSON_ACCEPT).send({ emailNotifications: 'none' }).expect(200);
    const threadId = await startMeeting(admin.agent, 'kajak', { title: 'Season opening', startsAt: hoursFromNow(20), endsAt: hoursFromNow(23) });
    for (const member of [anna, bo]) await member.agent.post(`/t/${threadId}/rsvp`).set('accept', JSON_ACCEPT).send({ answer: 'going' }).expect(200);
    expect(await sendDueReminders(ctx.db)).toEqual([threadId]);
    await ctx.app.notifications.runWorker();
    expect(await ctx.app.email.runSender(new Date(Date.now() + 11 * 60_000))).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['anna.m@example.test']);
    const parsed = await parseMail(mail!.raw);
    expect(parsed.text).toContain('Reminder: the meeting “Season opening” is within a day');
    expect(parsed.text).toContain(`http://forum.test/t/${threadId}`);
  });
});
