const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

export const notificationParams = { type: 'object', required: ['id'], properties: { id } } as const;
export const notificationsQuery = { type: 'object', properties: { before: id } } as const;

/** `ids` as JSON or as repeated form fields; absent: all. */
export const readBody = {
  type: ['object', 'null'],
  properties: { ids: { type: 'array', items: id, maxItems: 500 } },
} as const;

export interface NotificationParams {
  id: number;
}
export interface ReadBody {
  ids?: number[];
}
