import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  columnOf,
  type Duck,
  displayPath,
  type Edition,
  InputError,
  readTable,
  shown,
  type Warning,
} from '@kk/core';
import { z } from 'zod';
import { SQL } from './sql-dir.ts';

/** Where an analyst's decisions live, relative to the edition folder. */
export const DECISIONS_FILE = join('dedupe', 'beslut.csv');
export const DECISIONS_HEADER = ['fil_a', 'namn_a', 'fil_b', 'namn_b', 'beslut', 'anteckning'] as const;
/** How a decision names a fact sheet: this file and the fact sheet's id. */
export const FACTSHEET_FILE = 'factsheets/factsheets.csv';

const schema = z.object({
  fil_a: z.string().trim().min(1, 'the file of record a (sources/<list>.csv or factsheets/factsheets.csv)'),
  namn_a: z.string().trim().min(1, 'the name of record a as its list writes it (a fact sheet: its id)'),
  fil_b: z.string().trim().min(1, 'the file of record b'),
  namn_b: z.string().trim().min(1, 'the name of record b'),
  beslut: z.enum(['samma', 'olika'], { message: 'samma or olika' }),
  anteckning: z.string().trim().min(1, 'a note saying why'),
});

export interface Decision {
  line: number;
  same: boolean;
  /** Every pair of record_id the decision covers (a list may name one initiative twice). */
  pairs: [string, string][];
  note: string;
}

interface RecordRef {
  record_id: string;
  fil: string;
  namn: string;
}

/**
 * Reads raw/<year>/dedupe/beslut.csv and resolves each side to records by file and raw name, so a decision
 * survives rows moving within a list. A side that names no record is an InputError at its line.
 */
export async function readDecisions(
  edition: Edition,
  duck: Duck,
): Promise<{ decisions: Decision[]; warnings: Warning[]; file: string }> {
  const path = join(edition.rawDir, DECISIONS_FILE);
  const file = displayPath(path);
  if (!existsSync(path)) return { decisions: [], warnings: [], file };
  const { table, rows, warnings } = readTable(path, schema, {
    displayPath: file,
    encoding: 'utf-8',
    required: [...DECISIONS_HEADER],
    known: [...DECISIONS_HEADER],
  });
  // Fact sheets are named by id; list rows by their raw name, as review.csv shows both.
  const refs = await duck.rowsOfFile<RecordRef>(join(SQL, 'record-refs.sql'));
  const byKey = new Map<string, string[]>();
  const byFile = new Map<string, string[]>();
  for (const r of refs) {
    const key = `${r.fil}\u0000${r.namn}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r.record_id]);
    byFile.set(r.fil, [...(byFile.get(r.fil) ?? []), r.namn]);
  }
  const decisions: Decision[] = rows.map(({ value: v, line, raw }) => {
    const resolve = (fil: string, namn: string, side: 'a' | 'b'): string[] => {
      const ids = byKey.get(`${fil}\u0000${namn}`);
      if (ids) return ids;
      const names = byFile.get(fil);
      const where = { file, line, column: columnOf(table, raw, names ? `namn_${side}` : `fil_${side}`) };
      if (!names) {
        throw new InputError(
          where,
          `a file as review.csv names it (sources/<list>.csv or ${FACTSHEET_FILE})`,
          `${shown(fil)}, which has no records`,
        );
      }
      const close = [...new Set(names)]
        .map((n) => ({ n, d: similarity(n, namn) }))
        .sort((x, y) => y.d - x.d || x.n.localeCompare(y.n))
        .slice(0, 3)
        .map((x) => shown(x.n))
        .join(', ');
      throw new InputError(where, `a record of ${fil} named ${shown(namn)} (closest: ${close})`, 'none');
    };
    const as = resolve(v.fil_a, v.namn_a, 'a');
    const bs = resolve(v.fil_b, v.namn_b, 'b');
    const pairs: [string, string][] = [];
    for (const a of as) for (const b of bs) if (a !== b) pairs.push(a < b ? [a, b] : [b, a]);
    if (pairs.length === 0) {
      throw new InputError({ file, line }, 'two different records', 'the same record on both sides');
    }
    return { line, same: v.beslut === 'samma', pairs, note: v.anteckning };
  });
  // A header and no rows is how the file starts: no decisions yet.
  return { decisions, warnings: warnings.filter((w) => !/header but no rows/.test(w.message)), file };
}

/** Share of common letter pairs: enough to suggest what a mistyped name may have meant. */
function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.toLowerCase();
    const out = new Set<string>();
    for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  for (const g of ga) if (gb.has(g)) common++;
  return (2 * common) / (ga.size + gb.size || 1);
}
