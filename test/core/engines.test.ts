// package.json's `engines` is a promise: the forum runs on every Node.js it names. It holds only if every
// package installed with it runs there too, so the oldest Node.js it names must satisfy each installed
// package's own `engines.node` (package-lock.json records them). A package that needs a newer Node.js is
// pinned to a release that does not (package.json `overrides`), as cookie 2 (Node.js ≥ 22) was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('engines', () => {
  const promised: string = readJson('package.json').engines.node;
  const oldestNode = semver.minVersion(promised)!;
  const locked = Object.entries(readJson('package-lock.json').packages as Record<string, LockedPackage>).filter(([path]) => path !== '');

  it('names a Node.js version the forum is tested on', () => {
    expect(oldestNode.major).toBeGreaterThanOrEqual(20);
    expect(semver.satisfies(process.versions.node, promised)).toBe(true);
  });

  it('every installed package runs on the oldest Node.js that package.json names', () => {
    const needingNewer = locked.flatMap(([path, pkg]) => {
      const range = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      return range && !semver.satisfies(oldestNode, range) ? [`${path}@${pkg.version}: node ${range}`] : [];
    });
    expect(locked.length).toBeGreaterThan(100);
    expect(needingNewer).toEqual([]);
  });
});
