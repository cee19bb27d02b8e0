// Named guards other features ask networks: may this account post in this network?
import type { Kysely } from 'kysely';
import { ForbiddenError, NotFoundError } from '../core/errors.js';
import type { Viewer } from '../core/viewer.js';
import type { DB, NetworkPosting } from '../db/schema.js';
import { canModerate } from '../posts/visibility.js';
import { postingRule, type PostingRule } from './membership.queries.js';

export { postingRuleJson as postingRuleJsonFor, type PostingRule } from './membership.queries.js';

/**
 * Starting a thread or replying in a network whose `posting` is `members` takes a member: anyone else
 * gets 403 saying to join first, and whom the network says it is for. Its conveners and admins always
 * may. Called inside the posting transaction, beside the suspension check. Editing one's own posts is
 * not posting: a member who left keeps their posts and may still correct them.
 */
export async function requireMayPost(db: Kysely<DB>, viewer: Viewer, networkId: number): Promise<void> {
  const refusal = await postingRefusal(db, viewer, networkId);
  if (refusal) throw refusal;
}

/** Whether the viewer may post in the network, as requireMayPost decides: for pages to offer a form or not. */
export async function mayPost(db: Kysely<DB>, viewer: Viewer | null, networkId: number): Promise<boolean> {
  return !!viewer && !(await postingRefusal(db, viewer, networkId));
}

/**
 * mayPost for a network whose posting rule the page has read already: anyone signed in may post where
 * anyone may, so only a members-only network costs a query.
 */
export async function mayPostIn(db: Kysely<DB>, viewer: Viewer | null, network: { id: number; posting: NetworkPosting }): Promise<boolean> {
  if (viewer && network.posting === 'anyone') return true;
  return mayPost(db, viewer, network.id);
}

/**
 * requireMayPost for a posting rule the caller read itself, in a statement it runs anyway
 * (`postingRuleJsonFor`): a reply reads it with its thread's lock.
 */
export function refuseUnlessMayPost(viewer: Viewer, networkId: number, rule: PostingRule | null): void {
  const refusal = refusalBy(viewer, networkId, rule);
  if (refusal) throw refusal;
}

/** Why the viewer may not post in the network (403), or null when they may. */
async function postingRefusal(db: Kysely<DB>, viewer: Viewer, networkId: number): Promise<ForbiddenError | null> {
  if (canModerate(viewer, networkId)) return null;
  return refusalBy(viewer, networkId, (await postingRule(db, networkId, viewer.id)) ?? null);
}

function refusalBy(viewer: Viewer, networkId: number, rule: PostingRule | null): ForbiddenError | null {
  if (canModerate(viewer, networkId)) return null;
  if (!rule) throw new NotFoundError();
  if (rule.posting === 'anyone' || rule.member) return null;
  return new ForbiddenError(
    rule.audience
      ? { key: 'membership.membersOnlyFor', values: { network: rule.name, audience: rule.audience } }
      : { key: 'membership.membersOnly', values: { network: rule.name } },
  );
}
