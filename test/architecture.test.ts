// The allowed arrows between src/'s folders (README, Architecture), checked on every import: a feature
// reaches another only through its public module or its guards; core, db and posts know no feature;
// only the pages layer composes features, and nothing but app.ts imports it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

/** Folders every feature may use as it likes. */
const SHARED = new Set(['core', 'db', 'posts']);
/** What a feature may reach inside another feature. */
const OPEN_DOORS = new Set(['public.ts', 'guards.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

interface Arrow {
  from: string;
  to: string;
}

/** Every relative import in src/ as "folder/file" (or "config.ts" at the top) of each side. */
function arrows(): Arrow[] {
  return sourceFiles(SRC).flatMap((file) => {
    const from = relative(SRC, file);
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((match) => ({
      from,
      to: relative(SRC, join(file, '..', match[1]!)).replace(/\.js$/, '.ts'),
    }));
  });
}

const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : '');

/** Why an import breaks the arrows; null when it keeps them. */
function broken({ from, to }: Arrow): string | null {
  const [source, target] = [folderOf(from), folderOf(to)];
  // app.ts and server.ts assemble everything; config.ts and the migrations (outside src/) are for all.
  if (source === '' || source === target || target === '' || target === '..') return null;
  if (target === 'pages') return 'only app.ts imports the pages layer';
  if (source === 'db') return 'db knows only itself';
  if (source === 'core' && target !== 'db') return 'core knows no feature';
  if (source === 'posts' && !SHARED.has(target)) return 'posts knows only core and db';
  if (SHARED.has(target)) return null;
  const file = to.slice(target.length + 1);
  return OPEN_DOORS.has(file) ? null : `a feature reaches ${target} only through ${target}/public.ts or ${target}/guards.ts`;
}

describe('the arrows between folders', () => {
  it('are kept by every import in src/', () => {
    const all = arrows();
    expect(all.length).toBeGreaterThan(100);
    const wrong = all.map((arrow) => ({ arrow, why: broken(arrow) })).filter(({ why }) => why !== null);
    expect(wrong.map(({ arrow, why }) => `${arrow.from} → ${arrow.to}: ${why}`)).toEqual([]);
  });

  it('are really checked: a feature reaching into another feature breaks them', () => {
    expect(broken({ from: 'threads/threads.routes.ts', to: 'networks/networks.queries.ts' })).toMatch(/public/);
    expect(broken({ from: 'core/http.ts', to: 'notifications/public.ts' })).toMatch(/core/);
    expect(broken({ from: 'threads/threads.routes.ts', to: 'pages/thread.page.ts' })).toMatch(/pages/);
    expect(broken({ from: 'threads/threads.routes.ts', to: 'posts/present.ts' })).toBeNull();
  });
});
