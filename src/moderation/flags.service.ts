// Flags — the members' share of moderation — and the conveners' answers to them. Same steps as every
// moderator action: who acts, load (and lock) the item, guard, change, log row, event, in one transaction.
import type { Kysely } from 'kysely';
import { requireAdmin, requireConfirmedAddress } from '../accounts/guards.js';
import { recordEvent } from '../core/events.js';
import { ForbiddenError, TooManyRequestsError, ValidationError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB, ModerationReason } from '../db/schema.js';
import * as flags from './flags.queries.js';
import { requireFound, requireModeratorOf, requireNotSuspended } from './guards.js';
import { clearPostHidden, resolveOpenFlags, setPostHidden, writeLog } from './moderation.queries.js';
import type { Reason } from './moderation.schemas.js';
import { checkReason, postAfter } from './moderation.service.js';
import type { PostRow } from '../posts/posts.queries.js';
import { memberCount } from '../networks/public.js';

/** A rule of the forum, not a flood guard: kept when RATE_LIMITS=off. */
export const FLAGS_PER_DAY = 20;
const MIN_DEFAULT_THRESHOLD = 2;
const MAX_DEFAULT_THRESHOLD = 5;

/** max(2, ceil(3 % of the network's members)), capped at 5 — in whole numbers, so 100 members give 3, not 4. */
export function defaultThreshold(members: number): number {
  return Math.min(MAX_DEFAULT_THRESHOLD, Math.max(MIN_DEFAULT_THRESHOLD, Math.ceil((members * 3) / 100)));
}

export interface Threshold {
  /** Distinct counting flaggers that hide a post. */
  value: number;
  /** True when an admin set it; false when it follows the network's size. */
  set: boolean;
}

export async function effectiveThreshold(db: Kysely<DB>, networkId: number): Promise<Threshold> {
  const setting = await flags.thresholdSetting(db, networkId);
  if (setting !== null) return { value: setting, set: true };
  return { value: defaultThreshold(await memberCount(db, networkId)), set: false };
}

/** The most common reason among flags (ties go to the reason flagged first), with its most common rule. */
export function commonestReason(list: ReadonlyArray<{ reason: ModerationReason; rule: number | null }>): { reason: ModerationReason; rule: number | null } {
  const commonest = <T extends string | number>(values: readonly T[]): T => {
    const counts = new Map<T, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    let best = values[0]!;
    for (const [value, count] of counts) if (count > counts.get(best)!) best = value;
    return best;
  };
  const reason = commonest(list.map((f) => f.reason));
  const rule = reason === 'rule' ? commonest(list.filter((f) => f.reason === 'rule').map((f) => f.rule!)) : null;
  return { reason, rule };
}

export interface FlagResult {
  flag: flags.FlagRow;
  /** The post as the flag left it (hidden, when this flag hid it). */
  post: PostRow;
  /** False when the member had flagged the post already: nothing new was stored. */
  created: boolean;
  /** True when this flag reached the threshold and the community hid the post. */
  hidden: boolean;
}

type Tx = Kysely<DB>;
type LockedPost = NonNullable<Awaited<ReturnType<typeof flags.lockPostForFlagging>>>;

/** Hides the post when its counting open flags reach the network's threshold; true when it did. */
async function hideWhenThresholdReached(tx: Tx, post: LockedPost): Promise<boolean> {
  const counting = await flags.countingOpenFlags(tx, post.id);
  const setting = await flags.thresholdSetting(tx, post.network_id);
  // The network's size is only counted when it could matter.
  if (counting.length < (setting ?? MIN_DEFAULT_THRESHOLD)) return false;
  const threshold = setting ?? defaultThreshold(await memberCount(tx, post.network_id));
  if (counting.length < threshold) return false;
  const { reason, rule } = commonestReason(counting);
  await setPostHidden(tx, post.id, { kind: 'community', reason, rule, note: null, byId: null });
  await writeLog(tx, {
    network_id: post.network_id,
    actor_id: null,
    action: 'community-hide',
    post_id: post.id,
    thread_id: post.thread_id,
    target_account_id: post.author_id,
    reason,
    rule,
  });
  await recordEvent(tx, 'post.hidden', { postId: post.id, threadId: post.thread_id });
  return true;
}

export async function flagPost(db: Kysely<DB>, actor: Viewer, postId: number, input: Reason): Promise<FlagResult> {
  return db.transaction().execute(async (tx) => ({ ...(await flagInTransaction(tx, actor, postId, input)), post: await postAfter(tx, postId) }));
}

async function flagInTransaction(tx: Tx, actor: Viewer, postId: number, input: Reason): Promise<Omit<FlagResult, 'post'>> {
  // The account first, then the post: the same order as posting (account, then thread).
  const flagger = await flags.lockFlagger(tx, actor.id);
  if (!flagger) throw new ForbiddenError();
  const post = requireFound(await flags.lockPostForFlagging(tx, postId));
  // Suspended, or barred from the network the post is in: no flagging there either.
  await requireNotSuspended(tx, actor.id, post.network_id, new Date());
  // Nor before the address is proven.
  requireConfirmedAddress(actor);
  if (post.author_id === actor.id) throw new ValidationError({ post: 'moderation.flag.ownPost' });
  // Flagging twice stores nothing and is not an error: the member sees the flag they made.
  const existing = await flags.findFlag(tx, postId, actor.id);
  if (existing) return { flag: existing, created: false, hidden: false };
  if (post.deleted_at) throw new ValidationError({ post: 'threads.postDeleted' });
  if (post.hidden_at) throw new ValidationError({ post: 'moderation.flag.alreadyHidden' });
  await checkReason(tx, post.network_id, input);
  const recent = await flags.recentFlagsOf(tx, actor.id);
  if (recent.count >= FLAGS_PER_DAY) {
    const hours = Math.ceil(recent.secondsUntilOneExpires / 3600);
    throw new TooManyRequestsError(recent.secondsUntilOneExpires, { key: 'moderation.flag.tooMany', values: { limit: FLAGS_PER_DAY, count: hours } });
  }
  const counts = flagger.old_enough && flagger.has_posted;
  const flag = await flags.insertFlag(tx, {
    post_id: postId,
    flagger_id: actor.id,
    reason: input.reason,
    rule: input.reason === 'rule' ? input.rule! : null,
    note: input.note ?? null,
    counts,
  });
  // The locks above make a conflict impossible; should one happen, report the stored flag.
  if (!flag) return { flag: requireFound(await flags.findFlag(tx, postId, actor.id)), created: false, hidden: false };
  const hidden = counts && (await hideWhenThresholdReached(tx, post));
  return { flag, created: true, hidden };
}

/**
 * A convener disagrees with the flags: the open flags are closed as dismissed and a post the community
 * hid is restored. A convener's own hide stands (unhide is for that). Nothing to dismiss: no change, no row.
 */
export async function dismissFlags(db: Kysely<DB>, actor: Viewer, postId: number): Promise<{ networkSlug: string; restored: boolean; post: PostRow }> {
  return db.transaction().execute(async (tx) => {
    const post = requireFound(await flags.lockPostForFlagging(tx, postId));
    requireModeratorOf(actor, post.network_id);
    const open = await flags.openFlagCount(tx, postId);
    const restored = post.hidden_kind === 'community';
    if (open === 0 && !restored) return { networkSlug: post.network_slug, restored: false, post: await postAfter(tx, postId) };
    if (restored) await clearPostHidden(tx, postId);
    await resolveOpenFlags(tx, postId, 'dismissed');
    await writeLog(tx, {
      network_id: post.network_id,
      actor_id: actor.id,
      action: 'dismiss',
      post_id: postId,
      thread_id: post.thread_id,
      target_account_id: post.author_id,
    });
    if (restored) await recordEvent(tx, 'post.unhidden', { postId, threadId: post.thread_id });
    return { networkSlug: post.network_slug, restored, post: await postAfter(tx, postId) };
  });
}

/** An admin sets the network's flag threshold (1–50), or clears it (null) to follow the network's size. */
export async function setFlagThreshold(db: Kysely<DB>, actor: Viewer, networkId: number, threshold: number | null): Promise<Threshold> {
  requireAdmin(actor);
  return db.transaction().execute(async (tx) => {
    await flags.setThresholdSetting(tx, networkId, threshold);
    await writeLog(tx, { network_id: networkId, actor_id: actor.id, action: 'threshold', note: threshold === null ? null : String(threshold) });
    await recordEvent(tx, 'network.changed', { networkId });
    return effectiveThreshold(tx, networkId);
  });
}
