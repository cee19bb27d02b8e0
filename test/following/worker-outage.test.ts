// The notifications worker waits out a database that is unavailable (disk full, shutting down) without
// giving any event up; only an error in handling the event itself counts toward skipping it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_ACCEPT, signUp, type Member } from '../helpers/agents.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { createNetwork } from '../helpers/forum.js';

describe('the notifications worker and an unavailable database', () => {
  let ctx: TestContext;
  let admin: Member;
  let follower: Member;

  beforeAll(async () => {
    ctx = await createTestContext();
    admin = await signUp(ctx);
    follower = await signUp(ctx, { username: 'patient_follower' });
    await createNetwork(admin.agent, { slug: 'outage' });
    await follower.agent.post('/n/outage/follow').set('accept', JSON_ACCEPT).send({ level: 'threads' }).expect(200);
    await ctx.app.following.runWorker();
  });
  afterAll(() => ctx.close());

  /** Makes notification inserts fail with SQLSTATE `code` while `condition` (SQL on `new`) holds. */
  async function failNotifications(condition: string, code: string): Promise<void> {
    await sql`drop trigger if exists fail_notifications on notifications`.execute(ctx.db);
    await sql`drop sequence if exists notification_failures`.execute(ctx.db);
    await sql.raw(`create sequence notification_failures`).execute(ctx.db);
    await sql.raw(`
      create or replace function fail_notifications() returns trigger language plpgsql as $$
      begin
        if ${condition} then raise exception 'simulated' using errcode = '${code}'; end if;
        return new;
      end $$`).execute(ctx.db);
    await sql`create trigger fail_notifications before insert on notifications for each row execute function fail_notifications()`.execute(ctx.db);
  }

  const notificationsAbout = async (title: string) =>
    (await ctx.db.selectFrom('notifications').innerJoin('threads', 'threads.id', 'notifications.thread_id').select('notifications.id').where('threads.title', '=', title).execute()).length;

  it('makes the notification once the disk has room again, however many times it failed meanwhile', async () => {
    // The first twenty tries fail (a sequence counts them: it is not rolled back with the insert).
    await failNotifications(`nextval('notification_failures') <= 20`, '53100');
    await admin.agent.post('/n/outage/threads').set('accept', JSON_ACCEPT).send({ title: 'Written while the disk was full', body: 'Body' }).expect(201);
    await ctx.app.following.runWorker();
    expect(await notificationsAbout('Written while the disk was full')).toBe(1);
  });

  it('still gives up an event whose handling itself fails again and again, and goes on with the next', async () => {
    await failNotifications(`(select title from threads where id = new.thread_id) = 'A broken event'`, 'P0001');
    await admin.agent.post('/n/outage/threads').set('accept', JSON_ACCEPT).send({ title: 'A broken event', body: 'Body' }).expect(201);
    await admin.agent.post('/n/outage/threads').set('accept', JSON_ACCEPT).send({ title: 'The next one', body: 'Body' }).expect(201);
    await ctx.app.following.runWorker();
    expect(await notificationsAbout('A broken event')).toBe(0);
    expect(await notificationsAbout('The next one')).toBe(1);
  });
});
