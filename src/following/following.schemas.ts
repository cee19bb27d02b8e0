import type { FollowLevel } from '../db/schema.js';

export const followBody = {
  type: ['object', 'null'],
  properties: { level: { type: 'string', enum: ['threads', 'posts'] } },
} as const;

export const followingQuery = { type: 'object', properties: { before: { type: 'string', maxLength: 40, pattern: '^\\d{1,15}\\.\\d{1,10}$' } } } as const;

export interface FollowBody {
  level?: FollowLevel;
}
