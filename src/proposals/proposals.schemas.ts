// What the proposals routes take and answer: a proposal as the list, its page and scripts see it, what
// supporting and deciding answer, and a proposal notice as /notifications shows it. Bodies drop fields
// they do not name (the validator's removeAdditional).
import { Type, type Static } from 'typebox';
import { databaseId, Nullable, OneOf } from '../core/schemas.js';
import { AccountName, NetworkName } from '../posts/posts.schemas.js';

/** The proposed network's slug: as a network's (networks.schemas.ts). */
const slug = Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9-]+$' });

/**
 * A proposal: the network's name and address, whom it is for (its audience, "for …"), what it is for and
 * what it is not for (its boundaries), and whether the proposer would like help convening it. A browser's
 * tick sends `wantsHelp=true`; left out, no.
 */
export const proposeBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    slug,
    audience: Type.String({ minLength: 1, maxLength: 120 }),
    purpose: Type.String({ minLength: 1, maxLength: 1000 }),
    notFor: Type.String({ minLength: 1, maxLength: 800 }),
    wantsHelp: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ProposeBody = Static<typeof proposeBody>;

/** Why an admin declines: the proposer is told it. */
export const declineBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const proposalParams = Type.Object({ id: databaseId });
export const noticeParams = Type.Object({ id: databaseId });

/** A proposal as everyone may read it (present.ts proposalJson). */
export const ProposalJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  audience: Type.String(),
  purpose: Type.String(),
  notFor: Type.String(),
  wantsHelp: Type.Boolean(),
  status: OneOf(['open', 'approved', 'declined']),
  /** Empty names for a former member. */
  proposer: AccountName,
  /** How many members said they would join, besides the proposer (who supports it by proposing it). */
  supporters: Type.Integer(),
  /** Whether the viewer would join: they said so, or proposed it; null for a guest. */
  supporting: Nullable(Type.Boolean()),
  createdAt: Type.String(),
  decidedAt: Nullable(Type.String()),
  /** The admin who decided; null while open, or once that account is gone. */
  decidedBy: Nullable(AccountName),
  /** Why it was declined; null unless declined. */
  declineReason: Nullable(Type.String()),
  /** The network an approval made. */
  network: Nullable(NetworkName),
});
export type ProposalJson = Static<typeof ProposalJson>;

/** /networks/proposals: open ones first, newest first, then those decided lately. */
export const ProposalsPage = Type.Object({ open: Type.Array(ProposalJson), decided: Type.Array(ProposalJson) });

/** A proposal's page: the proposal, and those who would join (the earliest first). */
export const ProposalPage = Type.Object({
  proposal: ProposalJson,
  supporters: Type.Array(Type.Object({ username: Type.String(), displayName: Type.String(), since: Type.String() })),
  /** Whether the viewer may approve or decline it (an admin, while it is open). */
  canDecide: Type.Boolean(),
});

/** After "I'd join" or taking it back: the proposal, how many would join now, whether the viewer does. */
export const SupportJson = Type.Object({ proposal: Type.Integer(), supporters: Type.Integer(), supporting: Type.Boolean() });

/** What a member is told about proposals, at the top of their /notifications until read. */
export const ProposalNoticeJson = Type.Object({
  id: Type.Integer(),
  kind: OneOf(['proposed', 'approved', 'declined', 'joined']),
  unread: Type.Boolean(),
  proposal: Type.Object({ id: Type.Integer(), name: Type.String() }),
  /** The network an approval made (approved, joined). */
  network: Nullable(NetworkName),
  /** The proposer (proposed); empty names for a former member. */
  proposer: Nullable(AccountName),
  /** Why it was declined (declined). */
  reason: Nullable(Type.String()),
  /** The sentence as plain text. */
  text: Type.String(),
  /** Opens the notice: marks it read and leads to the network or the proposal. */
  href: Type.String(),
  createdAt: Type.String(),
});
export type ProposalNoticeJson = Static<typeof ProposalNoticeJson>;
