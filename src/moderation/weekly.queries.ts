// Moderation's figures for a convener's view of their network (networks' health view), week by week.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface ModerationWeekRow {
  /** The week's Monday on the zone's clocks, as an ISO date. */
  week: string;
  flags: number;
  hides: number;
}

/**
 * Per week since `since` (Monday 00:00 in `timeZone`), only weeks with any: flags made on posts in the
 * network's threads (where the thread is now; every flag, also those dismissed since), and hides as the
 * moderation log records them in the network (by its conveners or admins, and by members' flags).
 * One query.
 */
export async function moderationWeeks(db: Kysely<DB>, networkId: number, since: Date, timeZone: string): Promise<ModerationWeekRow[]> {
  const result = await sql<ModerationWeekRow>`
    select to_char(week, 'YYYY-MM-DD') as week, sum(flags)::int as flags, sum(hides)::int as hides
    from (
      select date_trunc('week', f.created_at at time zone ${timeZone}) as week, 1 as flags, 0 as hides
      from flags f join posts p on p.id = f.post_id join threads t on t.id = p.thread_id
      where t.network_id = ${networkId} and f.created_at >= ${since}
      union all
      select date_trunc('week', log.created_at at time zone ${timeZone}), 0, 1
      from moderation_log log
      where log.network_id = ${networkId} and log.action in ('hide', 'community-hide') and log.created_at >= ${since}
    ) as acts
    group by week
  `.execute(db);
  return result.rows;
}
