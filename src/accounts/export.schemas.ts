// What GET /me/export answers: everything the forum keeps about the member, field by field. A column
// added tomorrow is not in the file until it is named here.
import { Type } from 'typebox';
import { Nullable } from '../core/schemas.js';

/** A moment, as ISO 8601 in UTC. */
const At = Type.String();

const ExportedRevision = Type.Object({
  /** The post as it was before this edit. */
  body: Type.String(),
  /** The thread's title before this edit, when the edit changed it. */
  title: Nullable(Type.String()),
  replacedAt: At,
});

const ExportedPost = Type.Object({
  id: Type.Integer(),
  threadId: Type.Integer(),
  /** Set on the post that opened the thread: its title is part of it. */
  threadTitle: Nullable(Type.String()),
  network: Type.String(),
  parentId: Nullable(Type.Integer()),
  createdAt: At,
  editedAt: Nullable(At),
  body: Type.String(),
  deleted: Nullable(Type.Object({ at: At, byAuthor: Type.Boolean() })),
  hidden: Nullable(Type.Object({ at: At, by: Type.String(), reason: Type.String(), rule: Nullable(Type.Integer()), note: Nullable(Type.String()) })),
  revisions: Type.Array(ExportedRevision),
});

export const AccountExport = Type.Object({
  forum: Type.String(),
  exportedAt: At,
  account: Type.Object({
    username: Type.String(),
    displayName: Type.String(),
    email: Nullable(Type.String()),
    locale: Nullable(Type.String()),
    role: Type.String(),
    createdAt: At,
    emailConfirmedAt: Nullable(At),
  }),
  profile: Nullable(
    Type.Object({
      presentation: Type.String(),
      website: Nullable(Type.String()),
      phone: Nullable(Type.String()),
      showPhone: Type.Boolean(),
      showEmail: Type.Boolean(),
      updatedAt: At,
    }),
  ),
  businesses: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), role: Type.String(), isAdmin: Type.Boolean(), since: At })),
  posts: Type.Array(ExportedPost),
  follows: Type.Array(Type.Object({ network: Type.String(), level: Type.String(), since: At })),
  watches: Type.Array(Type.Object({ threadId: Type.Integer(), state: Type.String(), since: At })),
  /** Each thread opened, read up to which post, and when that last moved. */
  reads: Type.Array(Type.Object({ threadId: Type.Integer(), readUpToPostId: Type.Integer(), at: At })),
  flags: Type.Array(
    Type.Object({
      postId: Type.Integer(),
      reason: Type.String(),
      rule: Nullable(Type.Integer()),
      note: Nullable(Type.String()),
      createdAt: At,
      resolution: Nullable(Type.String()),
    }),
  ),
  /** The posts the member thanked. */
  thanks: Type.Array(Type.Object({ postId: Type.Integer(), at: At })),
  emailNotifications: Type.String(),
  /** The network proposals the member made, as they wrote them, and what became of each. */
  proposals: Type.Array(
    Type.Object({
      name: Type.String(),
      slug: Type.String(),
      audience: Type.String(),
      purpose: Type.String(),
      notFor: Type.String(),
      wantsHelp: Type.Boolean(),
      status: Type.String(),
      createdAt: At,
      decidedAt: Nullable(At),
      declineReason: Nullable(Type.String()),
    }),
  ),
  /** The proposals the member said they would join (others' proposals; never who else would). */
  wouldJoin: Type.Array(Type.Object({ proposal: Type.String(), since: At })),
  /** The member's answers to meetings: going (with how many, and whether on the waiting list), maybe or not going. */
  meetingAnswers: Type.Array(
    Type.Object({ threadId: Type.Integer(), startsAt: At, answer: Type.String(), headcount: Type.Integer(), waiting: Type.Boolean(), answeredAt: At }),
  ),
});
