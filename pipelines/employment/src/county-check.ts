import { existsSync } from 'node:fs';
import { displayPath, readTable, type Warning } from '@kk/core';
import { z } from 'zod';

/**
 * A statement of the report about list-1 initiatives per county, from
 * raw/<year>/geography/rapportens-lansiffror.csv:
 * - `antal`: each county in `lan_koder` has exactly `antal` initiatives;
 * - `flest`: the counties in `lan_koder` have more than every other county;
 * - `tackta`: `antal` counties have at least one.
 */
export interface CountyStatement {
  pastaende: 'antal' | 'flest' | 'tackta';
  lan_koder: string[];
  antal: number | null;
  citat: string;
  line: number;
}

export interface StatementResult {
  pastaende: string;
  lan_koder: string[];
  forvantat: number | string | null;
  /** The computed count: per county listed, or the number of counties covered. */
  beraknat: number | number[];
  ok: boolean;
  citat: string;
}

const schema = z.object({
  pastaende: z.enum(['antal', 'flest', 'tackta'], { message: 'antal, flest or tackta' }),
  lan_koder: z.string().regex(/^(\d{2}(;\d{2})*)?$/, 'county codes separated by ;'),
  antal: z.string().regex(/^(\d+)?$/, 'a whole number or nothing'),
  citat: z.string().min(1, "the report's words"),
  proveniens: z.literal('report', { message: 'report (these are the published statements)' }),
});

export function readCountyStatements(path: string): {
  statements: CountyStatement[];
  file: string;
  warnings: Warning[];
} {
  const file = displayPath(path);
  if (!existsSync(path)) return { statements: [], file, warnings: [] };
  const cols = Object.keys(schema.shape);
  const { rows, warnings } = readTable(path, schema, {
    displayPath: file,
    encoding: 'utf-8',
    required: cols,
    known: cols,
  });
  return {
    file,
    warnings,
    statements: rows.map(({ value, line }) => ({
      pastaende: value.pastaende,
      lan_koder: value.lan_koder.split(';').filter(Boolean),
      antal: value.antal === '' ? null : Number(value.antal),
      citat: value.citat,
      line,
    })),
  };
}

/** List-1 initiatives per county: an initiative counts once in every county it is assigned. */
export function countyCounts(
  rows: { factsheet_id: string; lista: number; lan_kod: string }[],
  allLan: string[],
): Map<string, number> {
  const counts = new Map(allLan.map((c) => [c, 0]));
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.factsheet_id}\t${r.lan_kod}`;
    if (r.lista !== 1 || seen.has(key)) continue;
    seen.add(key);
    counts.set(r.lan_kod, (counts.get(r.lan_kod) ?? 0) + 1);
  }
  return counts;
}

/** Checks each statement against the counts. */
export function checkStatements(
  counts: Map<string, number>,
  statements: CountyStatement[],
): StatementResult[] {
  return statements.map((s) => {
    const base = { pastaende: s.pastaende, lan_koder: s.lan_koder, citat: s.citat };
    if (s.pastaende === 'antal') {
      const got = s.lan_koder.map((c) => counts.get(c) ?? 0);
      return { ...base, forvantat: s.antal, beraknat: got, ok: got.every((n) => n === s.antal) };
    }
    if (s.pastaende === 'tackta') {
      const covered = [...counts.values()].filter((n) => n > 0).length;
      return { ...base, forvantat: s.antal, beraknat: covered, ok: covered === s.antal };
    }
    const top = Math.min(...s.lan_koder.map((c) => counts.get(c) ?? 0));
    const others = [...counts].filter(([c]) => !s.lan_koder.includes(c)).map(([, n]) => n);
    const next = Math.max(0, ...others);
    return {
      ...base,
      forvantat: `> ${next}`,
      beraknat: s.lan_koder.map((c) => counts.get(c) ?? 0),
      ok: top > next,
    };
  });
}
