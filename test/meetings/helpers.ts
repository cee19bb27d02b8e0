// A forum with a network, its convener, and a way to start a meeting and read what members were told.
import { JSON_ACCEPT, type Agent } from '../helpers/agents.js';
import type { TestContext } from '../helpers/context.js';

const HOUR = 3600 * 1000;

/** A moment `hours` from now as an instant a script sends (ISO with Z). */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * HOUR).toISOString();
}

export async function startMeeting(
  agent: Agent,
  network: string,
  fields: Partial<{ title: string; body: string; startsAt: string; endsAt: string; place: string; mapUrl: string; capacity: number; networks: string[] }> = {},
): Promise<number> {
  const response = await agent
    .post(`/n/${network}/meetings`)
    .set('accept', JSON_ACCEPT)
    .send({
      title: 'Season opening 2027',
      body: 'Agenda: the season, the new map, coffee.',
      startsAt: hoursFromNow(72),
      endsAt: hoursFromNow(75),
      place: 'Kajakboden, Strandvägen 1',
      ...fields,
    });
  if (response.status !== 201) throw new Error(`starting a meeting failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as number;
}

export async function accountId(ctx: TestContext, username: string): Promise<number> {
  return (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** The accounts (usernames, sorted) holding a notification of this kind about the thread. */
export async function toldOf(ctx: TestContext, threadId: number, kind: string): Promise<string[]> {
  await ctx.app.notifications.runWorker();
  const rows = await ctx.db
    .selectFrom('notifications')
    .innerJoin('accounts', 'accounts.id', 'notifications.account_id')
    .select('accounts.username')
    .where('notifications.thread_id', '=', threadId)
    .where('notifications.kind', '=', kind as never)
    .orderBy('accounts.username')
    .execute();
  return rows.map((row) => row.username);
}
