// What the convener-invitation routes take and answer, and an invitation as the invitee's notifications
// and the conveners page show it.
import { Type, type Static } from 'typebox';
import { Nullable } from '../core/schemas.js';
import { AccountName, NetworkName } from '../posts/posts.schemas.js';

export const inviteBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });

export const InvitationSent = Type.Object({ network: Type.String(), username: Type.String(), invited: Type.Boolean() });
export const InvitationWithdrawn = Type.Object({ network: Type.String(), username: Type.String() });
export const InvitationAnswered = Type.Object({ network: Type.String(), accepted: Type.Boolean() });

/** An invitation to convene waiting for the reader's answer (their /notifications). `invitedBy` is null once that account is gone. */
export const ConvenerInvitationJson = Type.Object({
  network: NetworkName,
  invitedBy: Nullable(AccountName),
  createdAt: Type.String(),
});
export type ConvenerInvitationJson = Static<typeof ConvenerInvitationJson>;

/** An invitation a network's conveners sent, waiting on its conveners page. */
export const SentInvitationJson = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  invitedBy: Nullable(AccountName),
  createdAt: Type.String(),
});
export type SentInvitationJson = Static<typeof SentInvitationJson>;
