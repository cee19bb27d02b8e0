import type { FollowLevel } from '../db/schema.js';

const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

export const followBody = {
  type: ['object', 'null'],
  properties: { level: { type: 'string', enum: ['threads', 'posts'] } },
} as const;

export const threadIdParams = { type: 'object', required: ['id'], properties: { id } } as const;
export const followingQuery = { type: 'object', properties: { before: { type: 'string', maxLength: 40, pattern: '^\\d{1,15}\\.\\d{1,10}$' } } } as const;

export interface FollowBody {
  level?: FollowLevel;
}
export interface ThreadIdParams {
  id: number;
}
