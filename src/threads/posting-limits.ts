// How often an account may post: a rule of the forum against floods and double submissions. An edit
// counts as a reply: each rewrites a thread and pushes a live update to everyone reading it.
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PostingLimits {
  threadEverySeconds: number;
  replyEverySeconds: number;
}

const ESTABLISHED: PostingLimits = { threadEverySeconds: 15, replyEverySeconds: 5 };
const NEWCOMER: PostingLimits = { threadEverySeconds: 60, replyEverySeconds: 15 };

export function limitsFor(accountCreatedAt: Date, now: Date): PostingLimits {
  return now.getTime() - accountCreatedAt.getTime() < DAY_MS ? NEWCOMER : ESTABLISHED;
}

/** Seconds to wait before posting again; 0 when posting is allowed now. */
export function secondsToWait(lastAt: Date | null, everySeconds: number, now: Date): number {
  if (!lastAt) return 0;
  const waitMs = lastAt.getTime() + everySeconds * 1000 - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** What a reply or an edit is measured from: the later of the account's last reply and last edit. */
export function lastReplyOrEdit(lastReplyAt: Date | null, lastEditAt: Date | null): Date | null {
  if (!lastReplyAt || !lastEditAt) return lastReplyAt ?? lastEditAt;
  return lastReplyAt > lastEditAt ? lastReplyAt : lastEditAt;
}
