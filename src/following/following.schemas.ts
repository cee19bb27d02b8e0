import type { FollowLevel } from '../db/schema.js';

const id = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;
const bigId = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

export const followBody = {
  type: ['object', 'null'],
  properties: { level: { type: 'string', enum: ['threads', 'posts'] } },
} as const;

export const threadIdParams = { type: 'object', required: ['id'], properties: { id } } as const;
export const notificationParams = { type: 'object', required: ['id'], properties: { id: bigId } } as const;
export const notificationsQuery = { type: 'object', properties: { before: bigId } } as const;
export const followingQuery = { type: 'object', properties: { before: { type: 'string', maxLength: 40, pattern: '^\\d{1,15}\\.\\d{1,10}$' } } } as const;

/** `ids` as JSON or as repeated form fields; absent: all. */
export const readBody = {
  type: ['object', 'null'],
  properties: { ids: { type: 'array', items: bigId, maxItems: 500 } },
} as const;


export interface FollowBody {
  level?: FollowLevel;
}
export interface ThreadIdParams {
  id: number;
}
export interface NotificationParams {
  id: number;
}
export interface ReadBody {
  ids?: number[];
}
