import type { BoardCursor } from './networks.queries.js';

/** "p1.2026-11-22T10:00:00.000Z.42": opaque to users, but plain enough to debug. */
export function encodeBoardCursor(cursor: BoardCursor): string {
  return `${cursor.pinned ? 'p1' : 'p0'}.${cursor.lastActivityAt.toISOString()}.${cursor.id}`;
}

/** undefined for anything that is not a cursor we made. */
export function decodeBoardCursor(raw: string): BoardCursor | undefined {
  const match = /^p([01])\.(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\.(\d{1,10})$/.exec(raw);
  if (!match) return undefined;
  const lastActivityAt = new Date(match[2]!);
  if (Number.isNaN(lastActivityAt.getTime())) return undefined;
  return { pinned: match[1] === '1', lastActivityAt, id: Number(match[3]) };
}
