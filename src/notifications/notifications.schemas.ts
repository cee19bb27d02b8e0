// What the notifications routes take, and a notification line as the page, its JSON and the emails give it.
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';
import type { NotificationKind } from '../db/schema.js';
import { AccountName, NetworkName } from '../posts/posts.schemas.js';
import { InvitationJson } from '../businesses/public.js';
import { ConvenerInvitationJson } from '../moderation/public.js';
import { ProposalNoticeJson } from '../proposals/public.js';

const id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const notificationParams = Type.Object({ id });
export const notificationsQuery = Type.Object({ before: Type.Optional(id) });

/** `ids` as JSON or as repeated form fields; absent: all. Other fields are dropped. */
export const readBody = Nullable(Type.Object({ ids: Type.Optional(Type.Array(id, { maxItems: 500 })) }, { additionalProperties: false }));

/** One line on the notifications page or in an email: one notification, or several with one key. */
export const NotificationGroup = Type.Object({
  /** The newest notification's id: the group's link (/notifications/:id) and the page cursor. */
  id: Type.Integer(),
  /** Every notification the line stands for that the reader may see (up to the sample loaded). */
  ids: Type.Array(Type.Integer()),
  kind: Type.Unsafe<NotificationKind>(Type.String()),
  count: Type.Integer(),
  unread: Type.Boolean(),
  /** The sentence as plain text (JSON, the email's text part). */
  text: Type.String(),
  /** The same sentence as HTML: the reader's input escaped, the thread's title emphasised. */
  html: Type.String(),
  href: Type.String(),
  createdAt: Type.String(),
  /** The network the thread is in now. */
  network: NetworkName,
  /** title is null and slug empty when the reader may not read the title (the opening post is hidden from them). */
  thread: Type.Object({ id: Type.Integer(), title: Nullable(Type.String()), slug: Type.String() }),
  /** The newest post the line is about, with a short excerpt when the reader may read it. */
  post: Nullable(Type.Object({ id: Type.Integer(), excerpt: Nullable(Type.String()) })),
  actor: Nullable(AccountName),
  /** Why the post was hidden ("Reason: spam") or the thread moved, and the convener's note, as sentences. */
  reason: Nullable(Type.Object({ text: Nullable(Type.String()), note: Nullable(Type.String()) })),
});
export type NotificationGroup = Static<typeof NotificationGroup>;

/**
 * A page of /notifications; `nextCursor` is null on the last page. `invitations` (to a business's
 * staff) wait there until answered, on the first page, and count as `unread` until then.
 */
export const NotificationsPage = Type.Object({
  unread: Type.Integer(),
  invitations: Type.Array(InvitationJson),
  /** Invitations to convene a network, waiting and counted the same way. */
  convenerInvitations: Type.Array(ConvenerInvitationJson),
  /** What the reader is told about network proposals (new ones, for admins; approved, declined, joined): unread until read or marked read. */
  proposalNotices: Type.Array(ProposalNoticeJson),
  notifications: Type.Array(NotificationGroup),
  nextCursor: Nullable(Type.Integer()),
});

export const UnreadCount = Type.Object({ unread: Type.Integer() });
