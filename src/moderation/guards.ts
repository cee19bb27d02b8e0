// Named guards for moderator actions, and for members' posting: each throws before anything is
// written. Other features ask moderation only these.
import type { Kysely } from 'kysely';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import { canModerate } from '../posts/visibility.js';
import { activeSuspension, suspensionFromJson, type ActiveSuspension, type SuspensionJson } from './suspensions.queries.js';

export { activeSuspensionJson as suspensionJsonFor, type SuspensionJson } from './suspensions.queries.js';

export function requireModeratorOf(viewer: Viewer, networkId: number): void {
  if (!canModerate(viewer, networkId)) throw new ForbiddenError('moderation.notConvener');
}

export function requireFound<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new NotFoundError();
  return value;
}

/** The 403 a suspended or barred account gets when it tries to post, edit or flag, saying until when and why. */
function suspendedError(suspension: ActiveSuspension): ForbiddenError {
  const key = suspension.network_id === null ? 'moderation.suspendedUntil' : 'moderation.barredUntil';
  return new ForbiddenError({ key, values: { until: suspension.until, reason: suspension.reason } });
}

/**
 * requireNotSuspended for a suspension the caller read itself, in a statement it runs anyway
 * (`suspensionJsonFor`): a reply reads it with its thread's lock.
 */
export function refuseIfSuspended(suspension: SuspensionJson | null): void {
  if (suspension) throw suspendedError(suspensionFromJson(suspension));
}

/** Named guard for posting, editing and flagging: throws the 403 above while the account is suspended or barred from this network. */
export async function requireNotSuspended(db: Kysely<DB>, accountId: number, networkId: number, now: Date): Promise<void> {
  const suspension = await activeSuspension(db, accountId, networkId, now);
  if (suspension) throw suspendedError(suspension);
}

/**
 * Named guard for what is said to the whole forum rather than in one network (proposing a network): the
 * 403 above while the account is suspended from the forum. A bar from one network keeps nobody from
 * proposing another.
 */
export async function requireNotSuspendedFromForum(db: Kysely<DB>, accountId: number, now: Date): Promise<void> {
  // No network has the id 0 (identities start at 1): only a forum-wide suspension matches.
  const suspension = await activeSuspension(db, accountId, 0, now);
  if (suspension) throw suspendedError(suspension);
}
