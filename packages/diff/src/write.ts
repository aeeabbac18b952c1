import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { displayPath } from '@kk/core';
import { diffHtml } from './html.ts';
import type { EditionDiff } from './types.ts';

export interface DiffFiles {
  dir: string;
  changes: string;
  summary: string;
  html: string;
}

// grund: for a rename, the evidence that carried it (empty for every other kind).
const CSV_COLUMNS = ['typ', 'entity_a', 'entity_b', 'namn', 'falt', 'fran', 'till', 'grund'] as const;

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

/** changes.csv: one row per change, RFC 4180, UTF-8, header first. */
export function changesCsv(diff: EditionDiff): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of diff.changes) lines.push(CSV_COLUMNS.map((k) => csvField(c[k] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** summary.json: the figures, without timings, so that the same outputs give the same file. */
export function summaryJson(diff: EditionDiff): string {
  const where = (e: EditionDiff['a']) => ({ ...e, buildDir: e.buildDir ? displayPath(e.buildDir) : null });
  const summary = {
    a: where(diff.a),
    b: where(diff.b),
    antal: diff.counts,
    i_bada: diff.matched,
    namnbyten: diff.renames,
    form: diff.shape,
    sysselsattning: {
      statistikar_a: diff.a.statistikar,
      statistikar_b: diff.b.statistikar,
      andrade_initiativ: diff.employmentTotal,
      storsta_lq_andringar: diff.employmentTop.map((e) => ({
        entity_b: e.entity_b,
        namn: e.namn,
        lq_a: e.lq_a,
        lq_b: e.lq_b,
      })),
    },
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/**
 * Writes build/diff/<A>-<B>/: changes.csv, summary.json and diff.html. Written into a temporary folder that
 * then replaces the previous one, so a reader never sees half a diff.
 */
export function writeDiff(diff: EditionDiff, dir: string): DiffFiles {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  writeFileSync(join(tmp, 'changes.csv'), changesCsv(diff));
  writeFileSync(join(tmp, 'summary.json'), summaryJson(diff));
  writeFileSync(join(tmp, 'diff.html'), diffHtml(diff));
  const old = join(dirname(dir), `.${basename(dir)}.old-${process.pid}`);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
  return {
    dir,
    changes: join(dir, 'changes.csv'),
    summary: join(dir, 'summary.json'),
    html: join(dir, 'diff.html'),
  };
}
