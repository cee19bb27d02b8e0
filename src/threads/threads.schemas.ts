// What the threads routes take and answer. Bodies drop fields they do not name (the validator's
// removeAdditional), so nothing unasked-for reaches a service.
import { Type, type Static } from 'typebox';
import { databaseId, Nullable } from '../core/schemas.js';
import { MovedJson, NetworkName, PostJson, RuleTitle, ThreadHeading } from '../posts/posts.schemas.js';
import { chosenKind, offerFields } from './answers.schemas.js';

const title = Type.String({ minLength: 3, maxLength: 150 });
const body = Type.String({ minLength: 1, maxLength: 20000 });

const pageNumber = Type.Integer({ minimum: 1, maximum: 1000000 });
/** The page cache keys on exactly these parameters (core/page-cache.ts): every one that changes the page is listed. */
export const threadPageQuery = Type.Object({ page: Type.Optional(pageNumber), part: Type.Optional(pageNumber) });
export type ThreadPageQuery = Static<typeof threadPageQuery>;
export const replyFormQuery = Type.Object({ to: Type.Optional(databaseId) });

/** A form's one-time key (threads/threads.service.ts `once`): made with the form, or an Idempotency-Key header. */
const submissionKey = Type.String({ pattern: '^[A-Za-z0-9_-]{8,100}$' });
export const submissionHeaders = Type.Object({ 'idempotency-key': Type.Optional(submissionKey) });

const closed = { additionalProperties: false } as const;
/** `kind`: question unless another is picked; an offer's day and audience are read only for an offer. */
export const newThreadBody = Type.Object({ title, body, kind: Type.Optional(chosenKind), ...offerFields, submission: Type.Optional(submissionKey) }, closed);
export const replyBody = Type.Object({ body, parentId: Type.Optional(databaseId), submission: Type.Optional(submissionKey) }, closed);
export const editPostBody = Type.Object({ body, title: Type.Optional(title) }, closed);

/** The new-thread form: its network and the network's rules. */
export const NewThreadForm = Type.Object({ network: NetworkName, rules: Type.Array(RuleTitle) });

/** A thread just started, with its opening post. */
export const StartedThread = Type.Object({ id: Type.Integer(), title: Type.String(), network: Type.String(), posts: Type.Array(PostJson) });

/** The reply form: the thread (its title as the viewer may see it), the network's rules, and the post answered. */
export const ReplyForm = Type.Object({
  thread: Type.Object({ ...ThreadHeading.properties, network: NetworkName, locked: Type.Boolean() }),
  rules: Type.Array(RuleTitle),
  parent: Nullable(PostJson),
});

/** A reply just posted: enough to place it on the page. */
export const PostedReply = Type.Pick(PostJson, ['id', 'parentId', 'threadId', 'html', 'author', 'createdAt']);

/** The edit form: the post, its thread, and the stored text (the title too for an opening post). */
export const EditForm = Type.Object({
  post: Type.Object({ id: Type.Integer(), threadId: Type.Integer() }),
  thread: ThreadHeading,
  isOpening: Type.Boolean(),
  values: Type.Object({ body: Type.String(), title: Type.Optional(Type.String()) }),
});

/** The page that asks before deleting: the post (the start of its text) and its thread. */
export const DeleteForm = Type.Object({
  post: Type.Object({ id: Type.Integer(), threadId: Type.Integer(), excerpt: Type.String() }),
  thread: ThreadHeading,
});

/** A page (or part of one) of a thread: the thread, where the page is among its pages and parts, and its posts in the order written. */
export const ThreadPageJson = Type.Object({
  ...ThreadHeading.properties,
  network: NetworkName,
  pinned: Type.Boolean(),
  locked: Type.Boolean(),
  moved: MovedJson,
  /** question, discussion, offer or meeting. */
  kind: Type.String(),
  /** A question's answer as the viewer may read it; null when it has none, or the viewer may not read it. */
  answer: Nullable(PostJson),
  replyCount: Type.Integer(),
  page: Type.Integer(),
  pages: Type.Integer(),
  part: Type.Integer(),
  parts: Type.Integer(),
  posts: Type.Array(PostJson),
});
