import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  columnOf,
  type Delimiter,
  displayPath,
  type Encoding,
  InputError,
  readTable,
  shown,
  type Warning,
  warningAt,
} from '@kk/core';
import { z } from 'zod';
import { checkMeasureNamed } from './measure.ts';

/** One statistics file as raw/<year>/employment/statistik.csv declares it. */
export interface StatFileSpec {
  /** Absolute path. */
  path: string;
  /** As shown in messages. */
  file: string;
  fil: string;
  encoding: Encoding | 'auto';
  delimiter: Delimiter | 'auto';
  matt: string;
  tabell: string;
  kalla: string;
  /** A published national total to check: the sum over all län and industries for `kontroll_ar`. */
  kontroll: { ar: number; riket: number } | null;
  /** A workbook's sheet (column `blad`); the first sheet when not given. */
  sheet?: string;
}

const DELIMITERS: Record<string, Delimiter | 'auto'> = {
  auto: 'auto',
  komma: ',',
  semikolon: ';',
  tabb: '\t',
};
const text = z.string().transform((s) => s.trim());
/** The measures the report can name (pipelines/report/templates/sysselsattning.json says them in Swedish). */
export const MEASURES = ['forvarvsarbetande_dagbefolkning', 'forvarvsarbetande_nattbefolkning'] as const;
const schema = z.object({
  // Empty on the row npm run edition adds until SCB's file arrives, under whatever name SCB gave it.
  fil: z
    .string()
    .regex(/^([^/\\]+\.(csv|txt|xlsx))?$/i, 'a file name in this folder ending in .csv, .txt or .xlsx'),
  kodning: z.enum(['auto', 'utf-8', 'windows-1252', 'iso-8859-1'], {
    message: 'auto, utf-8, windows-1252 or iso-8859-1',
  }),
  avgransare: z.enum(['auto', 'komma', 'semikolon', 'tabb'], { message: 'auto, komma, semikolon or tabb' }),
  matt: text.pipe(
    z.enum(MEASURES, {
      message: `a measure: ${MEASURES.join(' (RAMS AM0207K, AM0207I6), ')} (AM0207I5)`,
    }),
  ),
  tabell: text.pipe(z.string().min(1, "the source's table id, e.g. AM0207K")),
  kalla: text.pipe(z.string().min(1, 'the source as the report cites it')),
  kontroll_ar: z.string().regex(/^(\d{4})?$/, 'a year or nothing'),
  kontroll_riket: z.string().regex(/^(\d+)?$/, 'a whole number or nothing'),
  anmarkning: text,
  // A new edition asks for its statistics with a row `levererad` = `nej` (npm run edition); empty: delivered.
  levererad: z.enum(['ja', 'nej', ''], { message: 'ja, nej or nothing' }).default(''),
  // The sheet of an .xlsx download to read; empty: the first.
  blad: text.default(''),
});
/** The optional columns: the others are required. */
const OPTIONAL = ['levererad', 'blad'];
export const MANIFEST = 'statistik.csv';

/** Reads the manifest of statistics files; every listed file must exist, unlisted ones are warned about. */
export function readStatManifest(dir: string): { files: StatFileSpec[]; warnings: Warning[] } {
  const path = join(dir, MANIFEST);
  const shownPath = displayPath(path);
  if (!existsSync(path)) {
    throw new InputError({ file: shownPath }, 'a list of the statistics files to read', 'no such file');
  }
  const cols = Object.keys(schema.shape);
  const { table, rows, warnings } = readTable(path, schema, {
    displayPath: shownPath,
    encoding: 'utf-8',
    required: cols.filter((c) => !OPTIONAL.includes(c)),
    known: cols,
    nonEmpty: true,
  });
  const files: StatFileSpec[] = [];
  for (const { value: v, line, raw } of rows) {
    const at = (c: string) => ({ file: shownPath, line, column: columnOf(table, raw, c) });
    const p = join(dir, v.fil);
    if (v.levererad === 'nej' && (v.fil === '' || !existsSync(p))) {
      warnings.push(
        warningAt(
          { file: shownPath, line },
          `${v.fil || `the statistics for ${v.kontroll_ar || 'the new year'}`} not yet delivered (levererad: nej); the figures of the latest statistics delivered are used meanwhile`,
        ),
      );
      continue;
    }
    if (v.fil === '') {
      throw new InputError(
        at('fil'),
        "the name of SCB's file as downloaded (such as AM0207K_<date>.csv)",
        'nothing',
      );
    }
    if (!existsSync(p))
      throw new InputError(at('fil'), 'a file in this folder', `${shown(v.fil)}, which is not there`);
    if (files.some((f) => f.fil === v.fil)) throw new InputError(at('fil'), 'each file once', shown(v.fil));
    if (v.kontroll_ar === '' && v.kontroll_riket !== '') {
      throw new InputError(at('kontroll_ar'), 'the year of the national total in kontroll_riket', 'nothing');
    }
    // A download of the län alone does not show the national total: no check then, said once.
    if (v.kontroll_ar !== '' && v.kontroll_riket === '') {
      warnings.push(
        warningAt(
          at('kontroll_riket'),
          `note: no national total given for ${v.kontroll_ar}, so ${v.fil}'s sum is not checked against SCB's (SCB shows it with the region 00 Riket chosen; pipelines/employment/README.md)`,
        ),
      );
    }
    if (files.length && files[0].matt !== v.matt) {
      throw new InputError(
        at('matt'),
        `the same measure in every file (${shown(files[0].matt)})`,
        shown(v.matt),
      );
    }
    checkMeasureNamed(v.kalla, v.matt, at('kalla'), 'a source text (kalla)');
    files.push({
      path: p,
      file: displayPath(p),
      fil: v.fil,
      encoding: v.kodning,
      delimiter: DELIMITERS[v.avgransare],
      matt: v.matt,
      tabell: v.tabell,
      kalla: v.kalla,
      kontroll: v.kontroll_riket ? { ar: Number(v.kontroll_ar), riket: Number(v.kontroll_riket) } : null,
      sheet: v.blad || undefined,
    });
  }
  const listed = new Set(files.map((f) => f.fil));
  for (const name of readdirSync(dir).sort()) {
    if (/\.(csv|txt|xlsx)$/i.test(name) && name !== MANIFEST && !listed.has(name)) {
      warnings.push(
        warningAt({ file: displayPath(join(dir, name)) }, `not listed in ${MANIFEST}, so not read`),
      );
    }
  }
  return { files, warnings };
}
