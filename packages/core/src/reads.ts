// What the running stage reads of the stages before it, each read with a digest of exactly what was read: a
// table's named columns, a whole table, or a whole stage's folder (a file read through currentStageDir). The
// manifest keeps them, and the next run compares them by content (early cutoff, stage.ts `whatChanged`).
import type { Edition } from './paths.ts';

interface Tracking {
  stage: string;
  reads: Map<string, string>;
}

let tracking: Tracking | undefined;

/** Starts recording the reads of `stage`; returns the function that stops and hands them over. */
export function trackReads(stage: string): () => Record<string, string> {
  const t: Tracking = { stage, reads: new Map() };
  tracking = t;
  return () => {
    if (tracking === t) tracking = undefined;
    return Object.fromEntries([...t.reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  };
}

/**
 * Whether reads are recorded: while a stage runs. A stage's read of its own last output (dedupe compares with
 * its previous run) is recorded too: when that output is not the one it compared with, it runs again.
 */
export function readsTracked(): boolean {
  return tracking !== undefined;
}

/** `2009/ingest` (a stage's folder), `2009/ingest.factsheets` (a table), `2009/ingest.factsheets(id,rubrik)`. */
export function readKey(
  edition: Edition,
  stage: string,
  table?: string,
  columns: readonly string[] = [],
): string {
  const cols = columns.length ? `(${columns.join(',')})` : '';
  return `${edition.year}/${stage}${table ? `.${table}${cols}` : ''}`;
}

export function parseReadKey(key: string): {
  year: number;
  stage: string;
  table?: string;
  columns: string[];
} {
  const m = /^(\d{4})\/([\w-]+)(?:\.([\w-]+)(?:\(([^)]*)\))?)?$/.exec(key);
  if (!m) return { year: 0, stage: key, columns: [] };
  return { year: Number(m[1]), stage: m[2], table: m[3], columns: m[4] ? m[4].split(',') : [] };
}

export function noteRead(key: string, digest: string): void {
  tracking?.reads.set(key, digest);
}
