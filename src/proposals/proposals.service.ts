// Proposing a network, saying "I'd join", and an admin's decision: each one transaction, with its
// events inside it (the header counts of those told, the caches of the pages a new network changes).
import type { Kysely } from 'kysely';
import type { Locale } from '../config.js';
import { requireAdmin, requireConfirmedAddress } from '../accounts/guards.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.js';
import { recordEvent } from '../core/events.js';
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import type { DB } from '../db/schema.js';
import { requireNotSuspendedFromForum } from '../moderation/guards.js';
import { appointFirstConvener } from '../moderation/public.js';
import { addMember, findNetworkBySlug, insertNetworkInTransaction } from '../networks/public.js';
import * as queries from './proposals.queries.js';
import type { ProposeBody } from './proposals.schemas.js';

/**
 * Files the proposal and tells every admin (but the proposer). 400 on `slug` when a network has it, or
 * another open proposal claims it: the open-slug index decides between two proposals sent at once. A
 * network made with the slug meanwhile is caught when the proposal is approved (409). 403 until the
 * proposer's address is proven, and while they are suspended from the forum, as for posting: a proposal
 * is public.
 */
export async function proposeNetwork(db: Kysely<DB>, viewer: Viewer, input: ProposeBody): Promise<number> {
  requireConfirmedAddress(viewer);
  try {
    return await db.transaction().execute(async (tx) => {
      await requireNotSuspendedFromForum(tx, viewer.id, new Date());
      if (await findNetworkBySlug(tx, input.slug)) throw new ValidationError({ slug: 'proposals.slugIsNetwork' });
      const id = await queries.insertProposal(tx, {
        proposerId: viewer.id,
        name: input.name,
        slug: input.slug,
        audience: input.audience,
        purpose: input.purpose,
        notFor: input.notFor,
        wantsHelp: input.wantsHelp === true,
      });
      const admins = await queries.noticeAdmins(tx, id, viewer.id);
      if (admins.length > 0) await recordEvent(tx, 'notifications.changed', { accountIds: admins });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'network_proposals_open_slug')) throw new ValidationError({ slug: 'proposals.slugProposed' });
    throw error;
  }
}

/**
 * "I'd join" (support) or taking it back, on an open proposal: one row per member, however many times
 * or at once they ask. The proposer supports it by proposing it (no row; taking it back is 409), and a
 * decided proposal takes no more (409). Answers how many would join after, and whether the viewer does.
 */
export async function setSupport(db: Kysely<DB>, viewer: Viewer, proposalId: number, support: boolean) {
  return db.transaction().execute(async (tx) => {
    const proposal = await queries.lockProposalForSupport(tx, proposalId);
    if (!proposal) throw new NotFoundError();
    if (proposal.status !== 'open') throw new ConflictError('proposals.decidedAlready');
    const proposer = proposal.proposer_id === viewer.id;
    if (proposer && !support) throw new ConflictError('proposals.proposerSupports');
    if (!proposer) {
      if (support) await queries.insertSupporter(tx, proposalId, viewer.id);
      else await queries.deleteSupporter(tx, proposalId, viewer.id);
    }
    return { proposal: proposalId, supporters: await queries.supporterCount(tx, proposalId), supporting: support };
  });
}

/** The proposal, locked for the decision: 404 for none, 409 once decided. */
async function openForDecision(tx: Kysely<DB>, proposalId: number) {
  const proposal = await queries.lockProposalForDecision(tx, proposalId);
  if (!proposal) throw new NotFoundError();
  if (proposal.status !== 'open') throw new ConflictError('proposals.decidedAlready');
  return proposal;
}

/** The network's description: what it is for, then what it is not for, in the proposer's language. */
function describe(proposal: { purpose: string; not_for: string }, t: Translate): string {
  return `${proposal.purpose}\n\n**${t('proposals.description.notFor')}** ${proposal.not_for}`;
}

/**
 * An admin approves: in one transaction the network is made (name, slug, audience; the description
 * from what it is for and not for; anyone may post), the proposer convenes it (the public log's
 * 'appoint' row, by the admin) and is its member, everyone who said "I'd join" is a member following
 * its board at `threads`, as joining does, and they are all told. 409 when it was decided already (of
 * an approval and a decline at once, the second waits on the row lock and finds it decided), and when
 * a network took the slug meanwhile — the networks' unique index decides, and nothing is made.
 */
export async function approveProposal(db: Kysely<DB>, admin: Viewer, proposalId: number, translatorFor: (locale: Locale | null) => Translate) {
  requireAdmin(admin);
  try {
    return await db.transaction().execute(async (tx) => {
      const proposal = await openForDecision(tx, proposalId);
      const network = await insertNetworkInTransaction(tx, {
        slug: proposal.slug,
        name: proposal.name,
        audience: proposal.audience,
        description: describe(proposal, translatorFor(proposal.proposer_locale)),
        posting: 'anyone',
      });
      await queries.markApproved(tx, proposalId, admin.id, network.id);
      await appointFirstConvener(tx, network.id, proposal.proposer_id, admin.id);
      await addMember(tx, proposal.proposer_id, network.id);
      const supporters = await queries.supporterIds(tx, proposalId);
      for (const accountId of supporters) await addMember(tx, accountId, network.id);
      await queries.insertNotices(tx, proposalId, [
        { accountId: proposal.proposer_id, kind: 'approved' },
        ...supporters.map((accountId) => ({ accountId, kind: 'joined' as const })),
      ]);
      const admins = await queries.readProposedNotices(tx, proposalId, new Date());
      await recordEvent(tx, 'notifications.changed', { accountIds: [...new Set([proposal.proposer_id, ...supporters, ...admins])] });
      return { network, members: supporters.length + 1 };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'networks_slug_key')) throw new ConflictError('proposals.slugTakenMeanwhile');
    throw error;
  }
}

/** An admin declines, saying why: the proposer is told the reason. 409 once decided. */
export async function declineProposal(db: Kysely<DB>, admin: Viewer, proposalId: number, reason: string): Promise<void> {
  requireAdmin(admin);
  await db.transaction().execute(async (tx) => {
    const proposal = await openForDecision(tx, proposalId);
    await queries.markDeclined(tx, proposalId, admin.id, reason);
    await queries.insertNotices(tx, proposalId, [{ accountId: proposal.proposer_id, kind: 'declined' }]);
    const admins = await queries.readProposedNotices(tx, proposalId, new Date());
    await recordEvent(tx, 'notifications.changed', { accountIds: [...new Set([proposal.proposer_id, ...admins])] });
  });
}

/** Opening a notice marks it read (and says so to the reader's other windows); where it leads, or undefined when it is not theirs. */
export async function openNotice(db: Kysely<DB>, accountId: number, noticeId: number) {
  return db.transaction().execute(async (tx) => {
    const notice = await queries.findNotice(tx, accountId, noticeId);
    if (!notice) return undefined;
    if (notice.read_at === null && (await queries.markNoticesRead(tx, accountId, new Date(), noticeId)) > 0) {
      await recordEvent(tx, 'notifications.changed', { accountIds: [accountId] });
    }
    return notice;
  });
}
