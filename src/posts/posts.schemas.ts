// The parameters of every route about one thread (/t/:id/:slug?) or one post (/p/:postId), whichever feature serves it.
const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

export const threadParams = { type: 'object', required: ['id'], properties: { id, slug: { type: 'string', maxLength: 200 } } } as const;
export const postParams = { type: 'object', required: ['postId'], properties: { postId: id } } as const;

export interface ThreadParams {
  id: number;
  slug?: string;
}
export interface PostParams {
  postId: number;
}
