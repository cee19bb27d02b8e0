// Flags and the review queue as JSON and page data. The post itself goes through posts' postJson, so
// the one visibility rule decides what of its body a viewer gets, here as everywhere.
import type { Viewer } from '../core/viewer.js';
import { postJson } from '../posts/present.js';
import type { FlagRow, OpenFlagRow, ReviewPostRow } from './flags.queries.js';
import { commonestReason, type Threshold } from './flags.service.js';

/** A flag as its flagger sees it: never who resolved it. */
export function flagJson(flag: FlagRow) {
  return {
    id: flag.id,
    postId: flag.post_id,
    reason: flag.reason,
    rule: flag.rule,
    note: flag.note,
    counts: flag.counts,
    createdAt: flag.created_at.toISOString(),
    resolution: flag.resolution,
  };
}

/** A flag as a moderator sees it in the review queue: with who flagged; null once the flagger deleted their account. */
function reviewFlagJson(flag: OpenFlagRow) {
  return {
    reason: flag.reason,
    rule: flag.rule,
    note: flag.note,
    counts: flag.counts,
    createdAt: flag.created_at.toISOString(),
    flagger: flag.flagger_username && flag.flagger_display_name ? { username: flag.flagger_username, displayName: flag.flagger_display_name } : null,
  };
}

export function reviewItemJson(row: ReviewPostRow, flags: readonly OpenFlagRow[], viewer: Viewer | null) {
  const own = flags.filter((flag) => flag.post_id === row.id);
  return {
    post: postJson(row, viewer),
    thread: { id: row.thread_id, title: row.thread_title, slug: row.thread_slug },
    network: { slug: row.network_slug, name: row.network_name },
    openFlags: Number(row.open_flags),
    countedFlags: Number(row.counted_flags),
    latestFlagAt: new Date(row.latest_flag_at).toISOString(),
    /** What most flaggers said: the reason the agree button hides with. */
    suggested: commonestReason(own.length ? own : [{ reason: 'off-topic', rule: null }]),
    flags: own.map(reviewFlagJson),
  };
}

export function thresholdJson(threshold: Threshold) {
  return { value: threshold.value, set: threshold.set };
}
