import type { BoardCursor } from './networks.queries.js';

/** "p1.2026-11-22T10:00:00.000Z.42": opaque to users, but plain enough to debug. */
export function encodeBoardCursor(cursor: BoardCursor): string {
  return `${cursor.pinned ? 'p1' : 'p0'}.${cursor.lastActivityAt.toISOString()}.${cursor.id}`;
}

/** The largest id a thread can have (an int4 column). */
const MAX_ID = 2_147_483_647;

/**
 * undefined for anything that is not a cursor we made: a malformed one, a date that does not exist
 * (2026-02-30) or before 1970 (PostgreSQL has no year 0), or an id past the column's range.
 */
export function decodeBoardCursor(raw: string): BoardCursor | undefined {
  const match = /^p([01])\.(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\.(\d{1,10})$/.exec(raw);
  if (!match) return undefined;
  const lastActivityAt = new Date(match[2]!);
  if (Number.isNaN(lastActivityAt.getTime()) || lastActivityAt.getTime() < 0 || lastActivityAt.toISOString() !== match[2]) return undefined;
  const id = Number(match[3]);
  if (id > MAX_ID) return undefined;
  return { pinned: match[1] === '1', lastActivityAt, id };
}
