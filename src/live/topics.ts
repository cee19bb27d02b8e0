// What a client can subscribe to: one thread's posts, or one board's new threads.
export type Topic = { kind: 'thread'; name: string; threadId: number } | { kind: 'board'; name: string; slug: string; networkId: number };

export type ParsedTopic = { kind: 'thread'; threadId: number } | { kind: 'board'; slug: string };

/** undefined for anything that is not a topic's name. */
export function parseTopic(name: unknown): ParsedTopic | undefined {
  if (typeof name !== 'string') return undefined;
  const thread = /^thread:([1-9]\d{0,9})$/.exec(name);
  if (thread) return { kind: 'thread', threadId: Number(thread[1]) };
  const board = /^board:([a-z0-9-]{2,40})$/.exec(name);
  if (board) return { kind: 'board', slug: board[1]! };
  return undefined;
}

export const threadTopic = (threadId: number) => `thread:${threadId}`;
export const boardTopic = (slug: string) => `board:${slug}`;
