// The goals the page bench is judged by (issue 19: members' pages as fast as guests', in half the
// memory), each checked against the run it is printed with: a page's req/s as a share of its static
// baseline's in the same run, how a page's cost grows with the thread or the board, posting's p50 under
// ten writers, and the server's peak RSS. A scenario not run (--only) has no row: a goal is never
// reported met by default.
import { fixed, percent } from './report.js';

export type Viewer = 'guest' | 'member';

/** What a target reads of a measured scenario. */
export interface MeasuredFigures {
  key: string;
  name: string;
  viewer: Viewer;
  app: { requestsPerSecond: number; p50: number };
  /** Forum ÷ baseline req/s. */
  ratios: { requestsPerSecond: number };
}

/** Which page's cost growth: a thread's (10,000 replies against 100) or a board's (deep page against page 1). */
export type GrowingPage = 'thread' | 'board';

export interface Growth {
  comparison: string;
  page: GrowingPage;
  viewer: Viewer;
  /** Small page's req/s ÷ large page's: how many times the big one costs. */
  requestsPerSecondRatio: number;
  /** Large page's p50 ÷ small page's. */
  p50Ratio: number;
  /** The req/s ratio of the two pages' shares of their baselines: the same, with the machine's drift taken out. */
  againstBaselines: number;
}

export interface Target {
  target: string;
  value: string;
  met: boolean;
}

/** The large page of each pair against the small one it is measured against. */
const GROWTH_PAIRS: ReadonlyArray<readonly [page: GrowingPage, large: string, small: string]> = [
  ['thread', 'thread-large-1', 'thread-100'],
  ['thread', 'thread-large-middle', 'thread-100'],
  ['board', 'board-deep', 'board-1'],
];

export function growthOf(measured: readonly MeasuredFigures[]): Growth[] {
  const byKey = new Map(measured.map((m) => [m.key, m]));
  const growth: Growth[] = [];
  for (const viewer of ['guest', 'member'] as const) {
    for (const [page, largeId, smallId] of GROWTH_PAIRS) {
      const large = byKey.get(`${largeId}.${viewer}`);
      const small = byKey.get(`${smallId}.${viewer}`);
      if (!large || !small) continue;
      growth.push({
        comparison: `${large.name} vs ${small.name}`,
        page,
        viewer,
        requestsPerSecondRatio: small.app.requestsPerSecond / large.app.requestsPerSecond,
        p50Ratio: large.app.p50 / small.app.p50,
        againstBaselines: small.ratios.requestsPerSecond / large.ratios.requestsPerSecond,
      });
    }
  }
  return growth;
}

/** Each page's share of its baseline's req/s, at least this. */
const SHARES: ReadonlyArray<{ key: string; name: string; floor: number }> = [
  { key: 'thread-100.member', name: "Member's thread page (100 replies)", floor: 0.25 },
  { key: 'board-1.member', name: "Member's board, page 1", floor: 0.25 },
  { key: 'board-deep.member', name: "Member's board, a deep page", floor: 0.25 },
  { key: 'home.member', name: "Member's home", floor: 0.25 },
  { key: 'thread-100-json.member', name: "Member's thread JSON", floor: 0.3 },
  { key: 'thread-100.guest', name: "Guest's thread page (100 replies)", floor: 0.9 },
  { key: 'board-1.guest', name: "Guest's board, page 1", floor: 0.4 },
  { key: 'board-deep.guest', name: "Guest's board, a deep page", floor: 0.4 },
  { key: 'thread-100-json.guest', name: "Guest's thread JSON", floor: 0.5 },
];

const GROWTH_CEILING = 1.2;
const POSTING_P50_MS = 15;
const PEAK_RSS_MB = 150;

export function targetsOf(
  measured: readonly MeasuredFigures[],
  growth: readonly Growth[],
  run: { database: 'postgres' | 'pglite'; peakRssMB: number },
): Target[] {
  const byKey = new Map(measured.map((m) => [m.key, m]));
  const targets: Target[] = [];
  for (const { key, name, floor } of SHARES) {
    const m = byKey.get(key);
    if (!m) continue;
    const share = m.ratios.requestsPerSecond;
    targets.push({ target: `${name} ≥ ${floor * 100} % of its baseline`, value: percent(share), met: share >= floor });
  }
  for (const viewer of ['member', 'guest'] as const) {
    for (const [page, name] of [
      ['thread', 'thread (10,000 vs 100 replies)'],
      ['board', 'board (deep page vs page 1)'],
    ] as const) {
      const pairs = growth.filter((g) => g.viewer === viewer && g.page === page);
      if (pairs.length === 0) continue;
      const worst = Math.max(...pairs.flatMap((g) => [g.requestsPerSecondRatio, g.p50Ratio]));
      targets.push({
        target: `Cost growth, ${viewer}s' ${name} ≤ ${GROWTH_CEILING} (worst of req/s and p50)`,
        value: fixed(worst, 2),
        met: worst <= GROWTH_CEILING,
      });
    }
  }
  // The posting goal is PostgreSQL's; PGlite's figure stands beside it in the table above.
  const posting = byKey.get('post-reply.member');
  if (posting && run.database === 'postgres') {
    targets.push({
      target: `Post a reply, p50 ≤ ${POSTING_P50_MS} ms (PostgreSQL)`,
      value: `${fixed(posting.app.p50)} ms`,
      met: posting.app.p50 <= POSTING_P50_MS,
    });
  }
  targets.push({ target: `Server RSS under load ≤ ${PEAK_RSS_MB} MB`, value: `${fixed(run.peakRssMB, 0)} MB`, met: run.peakRssMB <= PEAK_RSS_MB });
  return targets;
}
