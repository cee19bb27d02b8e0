// The node flags and environment production runs with (README, Performance: memory): `npm start`, the
// Dockerfile's ENV and CMD and the benches' forum child carry the same ones: they bound V8's young generation,
// how far its old one grows past what is live, and how many arenas glibc's malloc keeps.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionEnvironment, productionNodeOptions } from '../../bench/child.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('node options', () => {
  const flags = productionNodeOptions();

  it('npm start bounds the young generation with --max-semi-space-size', () => {
    expect(flags).toContainEqual(expect.stringMatching(/^--max-semi-space-size=\d+$/));
  });

  it('npm start bounds the malloc arenas, and the Dockerfile sets the same environment', () => {
    const environment = productionEnvironment();
    expect(environment).toEqual({ MALLOC_ARENA_MAX: expect.stringMatching(/^\d+$/) });
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    // ENV NAME=value \ … continued lines: every pair npm start sets is among them.
    const dockerEnv = Object.fromEntries([...dockerfile.matchAll(/^(?:ENV)?\s+([A-Z_][A-Z0-9_]*)=(\S+?)\s*\\?$/gm)].map((m) => [m[1], m[2]]));
    expect(dockerEnv).toMatchObject(environment);
  });

  it("the Dockerfile's CMD runs node with the same flags as npm start", () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    expect(JSON.parse(cmd![1]!)).toEqual(['node', ...flags, 'dist/src/server.js']);
  });

  it('npm start keeps the old generation near what is live, so garbage does not grow the heap', () => {
    expect(flags).toContainEqual(expect.stringMatching(/^--heap-growing-percent=\d+$/));
    // Garbage that lives long enough to be promoted, as a request's objects do under load: the heap's
    // peak with the production flags, against the same flags without the growth bound.
    const script = `
      const v8 = require('node:v8');
      let peak = 0;
      const live = [];
      for (let round = 0; round < 400; round++) {
        const batch = [];
        for (let i = 0; i < 5000; i++) batch.push({ i, s: 'y'.repeat(20) + i, a: [i, i + 1] });
        live.push(batch);
        if (live.length > 8) live.shift();
        peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
      }
      console.log(peak);`;
    const peakWith = (options: string[]) => {
      const run = spawnSync(process.execPath, [...options, '-e', script], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return Number(run.stdout.trim());
    };
    const bounded = peakWith(flags);
    const unbounded = peakWith(flags.filter((flag) => !flag.startsWith('--heap-growing-percent=')));
    expect(bounded).toBeLessThan(unbounded * 0.8);
  });

  it('node accepts the flags and keeps the young generation within them under churn', () => {
    const semiSpaceMB = Number(/^--max-semi-space-size=(\d+)$/.exec(flags.find((f) => f.startsWith('--max-semi-space-size='))!)![1]);
    const script = `
      let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 1e5) keep = []; }
      const space = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(space.space_size);`;
    const run = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // new_space holds the two semi-spaces.
    expect(Number(run.stdout.trim())).toBeLessThanOrEqual(2 * semiSpaceMB * 1024 * 1024);
  });
});
