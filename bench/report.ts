// How benches report: progress on stderr, Markdown tables on stdout, every figure in
// bench/results/<prefix><date>.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const integer = (n: number) => Math.round(n).toLocaleString('en');
export const fixed = (n: number, digits = 1) => n.toFixed(digits);
export const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

export function markdownTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(rightAligned.map((r) => (r ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export interface Distribution {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Writes the report as bench/results/<prefix><date>.json; returns its path relative to the project. */
export function writeResults(prefix: string, date: Date, report: object): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${prefix}${date
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return relative(ROOT, file);
}
