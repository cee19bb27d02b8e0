// Proposals and their notices as answers give them, field by field.
import type { Translate } from '../core/i18n/index.js';
import type { Viewer } from '../core/viewer.js';
import { personName, type PersonName } from '../posts/present.js';
import type { NoticeRow, ProposalRow } from './proposals.queries.js';
import type { ProposalJson, ProposalNoticeJson } from './proposals.schemas.js';

/** A proposal as pages show it: the JSON's fields, with the proposer's and decider's names as the person-link partial takes them. */
export type ProposalView = ProposalJson & { proposer: PersonName; decidedBy: PersonName | null; proposedByViewer: boolean };

export function proposalJson(row: ProposalRow, viewer: Viewer | null): ProposalView {
  const proposedByViewer = viewer !== null && row.proposer_id === viewer.id;
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    audience: row.audience,
    purpose: row.purpose,
    notFor: row.not_for,
    wantsHelp: row.wants_help,
    status: row.status,
    proposer: personName(row.proposer_username, row.proposer_display_name, row.proposer_deleted_at),
    supporters: Number(row.supporter_count ?? 0),
    supporting: viewer ? proposedByViewer || row.viewer_supports === true : null,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decider_username ? personName(row.decider_username, row.decider_display_name!, row.decider_deleted_at) : null,
    declineReason: row.decline_reason,
    network: row.network_slug ? { slug: row.network_slug, name: row.network_name! } : null,
    proposedByViewer,
  };
}

/** Where opening a notice leads once it is read: the network an approval made, else the proposal. */
export function noticeTarget(row: { kind: string; proposal_id: number; network_slug: string | null }): string {
  return (row.kind === 'approved' || row.kind === 'joined') && row.network_slug ? `/n/${row.network_slug}` : `/networks/proposals/${row.proposal_id}`;
}

export type ProposalNoticeView = ProposalNoticeJson & { proposer: PersonName | null };

export function noticeJson(row: NoticeRow, t: Translate): ProposalNoticeView {
  const proposer = row.kind === 'proposed' ? personName(row.proposer_username, row.proposer_display_name, row.proposer_deleted_at) : null;
  const network = row.network_slug ? { slug: row.network_slug, name: row.network_name! } : null;
  const values = {
    proposal: row.proposal_name,
    name: proposer ? (proposer.former ? t('people.formerMember') : proposer.displayName) : '',
    network: network?.name ?? row.proposal_name,
    reason: row.decline_reason ?? '',
  };
  return {
    id: row.id,
    kind: row.kind,
    unread: row.read_at === null,
    proposal: { id: row.proposal_id, name: row.proposal_name },
    network: row.kind === 'approved' || row.kind === 'joined' ? network : null,
    proposer,
    reason: row.kind === 'declined' ? row.decline_reason : null,
    text: t(`proposals.notice.${row.kind}`, values),
    href: `/networks/proposals/notices/${row.id}`,
    createdAt: row.created_at.toISOString(),
  };
}
