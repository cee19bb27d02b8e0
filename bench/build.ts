// Compiles the forum and the two bench servers to JavaScript for the child processes, so the server
// under test runs as in production (plain node, no TypeScript loader costing memory and start-up).
// Type-only transpilation: `npx tsc --noEmit -p .` is what checks types.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const SOURCES = ['src', 'migrations', 'bench/server.ts', 'bench/baseline-server.ts'];

function typescriptFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => {
    const child = join(path, name);
    return statSync(child).isDirectory() ? typescriptFiles(child) : child.endsWith('.ts') && !child.endsWith('.d.ts') ? [child] : [];
  });
}

export interface Build {
  /** The compiled file for a source path such as 'bench/server.ts'. */
  file(source: string): string;
  remove(): void;
}

/**
 * Writes the JavaScript under bench/.build/<random>/, inside the project so the app still finds
 * package.json, views/ and static/ above it and node_modules resolves as usual.
 */
export function buildServers(root: string): Build {
  const outDir = join(root, 'bench', '.build', randomBytes(4).toString('hex'));
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, sourceMap: false };
  for (const file of SOURCES.flatMap((source) => typescriptFiles(join(root, source)))) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  return {
    file: (source) => join(outDir, source.replace(/\.ts$/, '.js')),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
