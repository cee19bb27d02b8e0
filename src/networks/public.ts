// What other features and the pages use of networks: a network by its slug (and the `/n/:network`
// parameter that names it), the list of networks, a board's threads as the board and the live feed show
// them, and the activity a post adds to its network (written by threads in the posting transaction);
// membership: a network's member count and the viewer's membership, the networks a person is a member
// of, and making someone a member — or a network (a proposal approved) — inside another feature's transaction. The rest of networks/ is its own (the posting guard is networks/guards.ts).
import type { Kysely } from 'kysely';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import type { DB } from '../db/schema.js';
import type { Reading } from '../core/shared-reads.js';
import { decodeBoardCursor, encodeBoardCursor } from './board-cursor.js';
import { findNetworkBySlug, listBoardThreads, type BoardFilter, type NetworkRow } from './networks.queries.js';
import { isMember, membershipState, networksOfMember } from './membership.queries.js';
import { boardThreadJson } from './present.js';
import { titleSeenAsAnyMember } from '../posts/present.js';

export {
  findBoardThreads,
  findNetworkBySlug,
  listNetworks,
  recordNewThread,
  replyActivityUpdate,
  type BoardThreadRow,
  type NetworkRow,
} from './networks.queries.js';
export { BoardJson, boardQuery, networkSlugParam, NetworkJson, type NetworkParams } from './networks.schemas.js';
export { boardThreadJson, networkJson } from './present.js';
export { membershipState, networksOfMember } from './membership.queries.js';
export { addMember } from './membership.service.js';
export { insertNetworkInTransaction } from './networks.service.js';

/** How many live accounts are members of the network (the community-hiding threshold follows it). */
export async function memberCount(db: Kysely<DB>, networkId: number): Promise<number> {
  return (await membershipState(db, networkId, undefined)).members;
}

/**
 * A board's member count, the same for every viewer until someone joins or leaves (shared reads), and
 * whether the viewer is a member, kept the same way (every join and leave records members.changed,
 * which drops both): nothing read for a guest, nor for a member who saw the board since.
 */
export async function boardMembership({ db, reads }: Reading, networkId: number, accountId: number | undefined): Promise<{ members: number; member: boolean }> {
  const [{ members }, { member }] = await Promise.all([
    reads.read(`network ${networkId} members`, ['boards'], () => membershipState(db, networkId, undefined)),
    accountId === undefined
      ? { member: false }
      : reads.read(`network ${networkId} member ${accountId}`, ['boards'], async () => ({ member: await isMember(db, networkId, accountId) })),
  ]);
  return { members, member };
}

/**
 * The networks the account is a member of (id, slug, name), kept like the board's membership: every join
 * and leave records members.changed, a renamed network network.changed.
 */
export function networksOfMemberShared({ db, reads }: Reading, accountId: number) {
  return reads.read(`networks of member ${accountId}`, ['boards'], () => networksOfMember(db, accountId));
}

/** Threads per page of a board. */
const BOARD_PAGE_SIZE = 30;

/** The network a `/n/:network` address names; 404 when there is none. */
export async function loadNetwork(db: Kysely<DB>, slug: string): Promise<NetworkRow> {
  const network = await findNetworkBySlug(db, slug);
  if (!network) throw new NotFoundError();
  return network;
}

/** loadNetwork for the board, shared by every viewer until the network changes. */
export function loadSharedNetwork({ db, reads }: Reading, slug: string): Promise<NetworkRow> {
  return reads.read(`network ${slug}`, ['boards'], () => loadNetwork(db, slug));
}

/**
 * One page of a board as this viewer may see it, pinned threads first, then by latest activity; `before`
 * is the cursor a page gave for the next (400 naming `before` for anything else), and `nextCursor` is
 * null on the last page. One query, shared by every viewer until the board changes.
 */
export async function readBoard(
  { db, reads }: Reading,
  networkId: number,
  before: string | undefined,
  viewer: Viewer | null,
  t: Translate,
  filter?: BoardFilter,
) {
  const cursor = before === undefined ? undefined : decodeBoardCursor(before);
  if (before !== undefined && !cursor) throw new ValidationError({ before: 'validation.invalid' });
  // The rows are the same for every viewer (titles go through the visibility rule per viewer below).
  const rows = await reads.read(`board ${networkId} ${before ?? ''} ${filter ?? ''}`, ['boards'], () =>
    listBoardThreads(db, networkId, BOARD_PAGE_SIZE + 1, cursor, filter),
  );
  const page = rows.slice(0, BOARD_PAGE_SIZE);
  const last = page.at(-1);
  const nextCursor =
    rows.length > BOARD_PAGE_SIZE && last ? encodeBoardCursor({ pinned: last.pinned, lastActivityAt: last.last_activity_at, id: last.id }) : null;
  return {
    threads: page.map((row) => boardThreadJson(row, viewer, t)),
    nextCursor,
    /** Whether a signed-in viewer reads every title here as any member does (a guest: false). */
    titlesAsAnyMember: !!viewer && page.every((row) => titleSeenAsAnyMember(row, viewer)),
  };
}
