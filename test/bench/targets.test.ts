// The bench's table of goals (bench/targets.ts): issue 19's figures, each judged against the run it
// is printed with, and no goal reported met for a scenario that did not run.
import { describe, expect, it } from 'vitest';
import { growthOf, targetsOf, type MeasuredFigures, type Viewer } from '../../bench/targets.js';

const NAMES: Record<string, string> = {
  home: 'Home',
  'board-1': 'Board, page 1',
  'board-deep': 'Board, page 40',
  'thread-100': 'Thread, 100 replies',
  'thread-100-json': 'Thread, 100 replies, JSON',
  'thread-large-1': 'Thread, 10,000 replies, page 1',
  'thread-large-middle': 'Thread, 10,000 replies, page 50',
  'post-reply': 'Post a reply, JSON',
};

/** A run where every page gets `share` of its baseline at a p50 of 2 ms, and a reply's p50 is `postingP50`. */
function run(share: number, postingP50 = 12): MeasuredFigures[] {
  const figures: MeasuredFigures[] = [];
  for (const viewer of ['guest', 'member'] as Viewer[]) {
    for (const id of Object.keys(NAMES).filter((id) => id !== 'post-reply')) {
      figures.push({
        key: `${id}.${viewer}`,
        name: NAMES[id]!,
        viewer,
        app: { requestsPerSecond: 1000 * share, p50: 2 },
        ratios: { requestsPerSecond: share },
      });
    }
  }
  figures.push({
    key: 'post-reply.member',
    name: NAMES['post-reply']!,
    viewer: 'member',
    app: { requestsPerSecond: 700, p50: postingP50 },
    ratios: { requestsPerSecond: 0.04 },
  });
  return figures;
}

function changed(figures: MeasuredFigures[], key: string, change: Partial<Pick<MeasuredFigures, 'app' | 'ratios'>>): MeasuredFigures[] {
  return figures.map((m) => (m.key === key ? { ...m, app: { ...m.app, ...change.app }, ratios: { ...m.ratios, ...change.ratios } } : m));
}

function judged(figures: MeasuredFigures[], conditions: { database: 'postgres' | 'pglite'; peakRssMB: number } = { database: 'postgres', peakRssMB: 140 }) {
  return targetsOf(figures, growthOf(figures), conditions);
}

const unmet = (figures: MeasuredFigures[], database: 'postgres' | 'pglite' = 'postgres', peakRssMB = 140) =>
  judged(figures, { database, peakRssMB })
    .filter((t) => !t.met)
    .map((t) => t.target);

describe('the bench’s goals', () => {
  it('names every goal of the issue, and a run that reaches them all meets them all', () => {
    const targets = judged(run(0.95));
    expect(targets.map((t) => t.target)).toEqual([
      "Member's thread page (100 replies) ≥ 25 % of its baseline",
      "Member's board, page 1 ≥ 25 % of its baseline",
      "Member's board, a deep page ≥ 25 % of its baseline",
      "Member's home ≥ 25 % of its baseline",
      "Member's thread JSON ≥ 30 % of its baseline",
      "Guest's thread page (100 replies) ≥ 90 % of its baseline",
      "Guest's board, page 1 ≥ 40 % of its baseline",
      "Guest's board, a deep page ≥ 40 % of its baseline",
      "Guest's thread JSON ≥ 50 % of its baseline",
      "Cost growth, members' thread (10,000 vs 100 replies) ≤ 1.2 (worst of req/s and p50)",
      "Cost growth, members' board (deep page vs page 1) ≤ 1.2 (worst of req/s and p50)",
      "Cost growth, guests' thread (10,000 vs 100 replies) ≤ 1.2 (worst of req/s and p50)",
      "Cost growth, guests' board (deep page vs page 1) ≤ 1.2 (worst of req/s and p50)",
      'Post a reply, p50 ≤ 15 ms (PostgreSQL)',
      'Server RSS under load ≤ 150 MB',
    ]);
    expect(targets.every((t) => t.met)).toBe(true);
    expect(targets.find((t) => t.target.startsWith("Guest's thread page"))!.value).toBe('95.0 %');
  });

  it('holds each page to its own floor', () => {
    // 60 % meets every member's floor and a guest's board's and JSON's, not a guest's thread page's 90 %.
    expect(unmet(run(0.6))).toEqual(["Guest's thread page (100 replies) ≥ 90 % of its baseline"]);
    expect(unmet(changed(run(0.95), 'thread-100.guest', { ratios: { requestsPerSecond: 0.899 } }))).toEqual([
      "Guest's thread page (100 replies) ≥ 90 % of its baseline",
    ]);
    expect(unmet(changed(run(0.95), 'thread-100.guest', { ratios: { requestsPerSecond: 0.9 } }))).toEqual([]);
    expect(unmet(changed(run(0.95), 'board-deep.member', { ratios: { requestsPerSecond: 0.24 } }))).toContain(
      "Member's board, a deep page ≥ 25 % of its baseline",
    );
  });

  it('judges cost growth by the worse of req/s and p50, for members and guests apart', () => {
    const slowerDeepBoard = changed(run(0.95), 'board-deep.member', { app: { requestsPerSecond: 950, p50: 2.5 } });
    expect(unmet(slowerDeepBoard)).toEqual(["Cost growth, members' board (deep page vs page 1) ≤ 1.2 (worst of req/s and p50)"]);
    const fewerLargeThreadPages = changed(run(0.95), 'thread-large-middle.guest', { app: { requestsPerSecond: 780, p50: 2 } });
    expect(unmet(fewerLargeThreadPages)).toEqual(["Cost growth, guests' thread (10,000 vs 100 replies) ≤ 1.2 (worst of req/s and p50)"]);
  });

  it('holds posting to 15 ms on PostgreSQL only, and the peak RSS to 150 MB', () => {
    expect(unmet(run(0.95, 15))).toEqual([]);
    expect(unmet(run(0.95, 15.1))).toEqual(['Post a reply, p50 ≤ 15 ms (PostgreSQL)']);
    expect(judged(run(0.95, 150), { database: 'pglite', peakRssMB: 140 }).some((t) => t.target.startsWith('Post a reply'))).toBe(false);
    expect(unmet(run(0.95), 'postgres', 151)).toEqual(['Server RSS under load ≤ 150 MB']);
  });

  it('reports no goal for a scenario that did not run', () => {
    const onlyPosting = run(0.95, 20).filter((m) => m.key === 'post-reply.member');
    expect(judged(onlyPosting).map((t) => t.target)).toEqual(['Post a reply, p50 ≤ 15 ms (PostgreSQL)', 'Server RSS under load ≤ 150 MB']);
  });
});
