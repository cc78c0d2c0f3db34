import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, type as osType, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MongoEngine } from '../../src/db/engine.js';
import type { SlackSide } from './slack-side-client.js';
import type { Apps } from './apps.js';

/** One line of the table: a figure, its same-run baseline and their ratio. */
export interface Row {
  benchmark: string;
  figure: string;
  baseline: string;
  ratio: string;
  goal?: string;
  pass?: boolean;
}

/** What each benchmark hands back: its table rows and its raw numbers for the JSON. */
export interface Outcome {
  rows: Row[];
  raw: Record<string, unknown>;
}

/** What the benchmarks share. `quick`: BENCH_QUICK=1, a smoke run of about a minute. */
export interface BenchContext {
  quick: boolean;
  mongo: MongoEngine;
  side?: SlackSide;
  apps?: Apps;
  /** The bare Bolt app's ack throughput from (1), when it ran: (7)'s baseline. */
  bareAckRate?: number;
}

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PACKAGES = [
  '@slack/bolt',
  'express',
  'mongoose',
  'mongodb',
  'agenda',
  '@agendajs/mongo-backend',
  'luxon',
  'zod',
];

/** Installed versions of the packages on the measured paths (the lockfile's, not the ranges). */
export function versions(): Record<string, string> {
  const found: Record<string, string> = { node: process.version };
  for (const name of PACKAGES) {
    try {
      const file = join(ROOT, 'node_modules', name, 'package.json');
      found[name] = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      found[name] = 'not installed';
    }
  }
  return found;
}

export function machine() {
  const cores = cpus();
  return {
    os: `${osType()} ${release()}`,
    cpus: cores.length,
    cpuModel: cores[0]?.model ?? 'unknown',
    totalmemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    /** 1-minute load average: above the core count, something else competed for the CPU. */
    loadavg1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The table, as plain aligned text (also pasted into bench/README.md). */
export function table(rows: Row[]): string {
  const header = ['benchmark', 'figure', 'baseline', 'ratio', 'goal', 'result'];
  const lines = rows.map((r) => [
    r.benchmark,
    r.figure,
    r.baseline,
    r.ratio,
    r.goal ?? '',
    r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    format(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(format),
  ].join('\n');
}

/** Writes `bench/results/<ISO timestamp>.json` and returns its path. */
export function writeResults(data: unknown, at: Date): string {
  const folder = join(ROOT, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${at.toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export const ms = (x: number) => `${Math.round(x * 10) / 10} ms`;
export const ratio = (a: number, b: number) =>
  b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(a / b < 10 ? 2 : 0) : 'n/a';
