const title = { type: 'string', minLength: 3, maxLength: 150 } as const;
const body = { type: 'string', minLength: 1, maxLength: 20000 } as const;
const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

const pageNumber = { type: 'integer', minimum: 1, maximum: 1000000 } as const;
/** The page cache keys on exactly these parameters (core/page-cache.ts): every one that changes the page is listed. */
export const threadPageQuery = { type: 'object', properties: { page: pageNumber, part: pageNumber } } as const;
export const replyFormQuery = { type: 'object', properties: { to: id } } as const;

/** A form's one-time key (threads/threads.service.ts `once`): made with the form, or an Idempotency-Key header. */
const submissionKey = { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' } as const;
export const submissionHeaders = { type: 'object', properties: { 'idempotency-key': submissionKey } } as const;

export const newThreadBody = { type: 'object', required: ['title', 'body'], properties: { title, body, submission: submissionKey } } as const;
export const replyBody = { type: 'object', required: ['body'], properties: { body, parentId: id, submission: submissionKey } } as const;
export const editPostBody = { type: 'object', required: ['body'], properties: { body, title } } as const;

export interface ThreadPageQuery {
  page?: number;
  part?: number;
}
export interface NewThreadBody {
  title: string;
  body: string;
  submission?: string;
}
export interface ReplyBody {
  body: string;
  parentId?: number;
  submission?: string;
}
export interface SubmissionHeaders {
  'idempotency-key'?: string;
}
export interface EditPostBody {
  body: string;
  title?: string;
}
