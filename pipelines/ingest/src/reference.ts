import { join } from 'node:path';
import { columnOf, displayPath, InputError, readTable, shown, type Warning } from '@kk/core';
import { z } from 'zod';

const text = z.string().transform((s) => s.trim());
const nonEmpty = (what: string) => text.pipe(z.string().min(1, what));
const codes = (re: RegExp, what: string) =>
  text.pipe(z.string().regex(new RegExp(`^(${re.source}(;${re.source})*)?$`), `${what}, separated by ;`));
const provenance = z.enum(['report', 'reconstructed', 'synthetic'], {
  message: 'report, reconstructed or synthetic',
});

/** Each reference table: its file under reference/, the table name written, and the row schema. */
export const REFERENCE_TABLES = {
  lan: {
    file: 'lan.csv',
    schema: z.object({
      lan_kod: z.string().regex(/^\d{2}$/, 'a two-digit county code'),
      lan_namn: nonEmpty('the county name'),
      lan_kortnamn: nonEmpty('the short county name'),
    }),
  },
  kommuner: {
    file: 'kommuner.csv',
    schema: z.object({
      kommun_kod: z.string().regex(/^\d{4}$/, 'a four-digit municipality code'),
      kommun_namn: nonEmpty('the municipality name'),
      lan_kod: z.string().regex(/^\d{2}$/, 'a two-digit county code'),
    }),
  },
  lan_alias: {
    file: 'lan-alias.csv',
    schema: z.object({
      alias: nonEmpty('a name used for a county'),
      lan_kod: z.string().regex(/^\d{2}$/, 'a two-digit county code'),
    }),
  },
  gazetteer: {
    file: 'gazetteer.csv',
    schema: z.object({
      namn: nonEmpty('a place or region name'),
      typ: z.enum(['region', 'landskap', 'ort', 'stadsdel', 'utland'], {
        message: 'region, landskap, ort, stadsdel or utland',
      }),
      lan_koder: codes(/\d{2}/, 'county codes'),
      land: text.pipe(z.string().regex(/^([A-Z]{2}(;[A-Z]{2})*)?$/, 'ISO country codes such as FI or DK')),
      anmarkning: text,
      proveniens: provenance,
    }),
  },
  sni_avdelningar: {
    file: 'sni2007-avdelningar.csv',
    schema: z.object({
      avdelning: z.string().regex(/^[A-U]$/, 'an SNI 2007 section letter A–U'),
      benamning: nonEmpty('the section name'),
      huvudgrupper: text,
    }),
  },
  sni_huvudgrupper: {
    file: 'sni2007-huvudgrupper.csv',
    schema: z.object({
      huvudgrupp: z.string().regex(/^\d{2}$/, 'a two-digit SNI 2007 division'),
      benamning: nonEmpty('the division name'),
      avdelning: z.string().regex(/^[A-U]$/, 'an SNI 2007 section letter A–U'),
    }),
  },
  rams_grupper: {
    file: 'rams-grupper.csv',
    schema: z.object({
      rams_grupp: z.string().regex(/^(\d{2}|[A-U](\+[A-U])*)$/, 'a RAMS group code such as B+C or 00'),
      benamning: nonEmpty('the group name'),
      sni_avdelningar: codes(/[A-U]/, 'SNI sections'),
    }),
  },
  sektorer: {
    file: 'sektorer.csv',
    schema: z.object({
      typ_av_sektor: nonEmpty('a "Typ av sektor" value as the fact tables print it'),
      kategori: nonEmpty('a sector category'),
      rams_grupp: nonEmpty('a RAMS group code'),
      sni_huvudgrupper: codes(/\d{2}/, 'SNI divisions'),
      anmarkning: text,
      proveniens: provenance,
    }),
  },
  larosaten: {
    file: 'larosaten.csv',
    schema: z.object({
      larosate: nonEmpty('the canonical name of the university or institute'),
      alias: nonEmpty('a spelling used in the fact tables'),
      typ: z.enum(['universitet', 'hogskola', 'institut', 'sjukhus', 'skola'], {
        message: 'universitet, hogskola, institut, sjukhus or skola',
      }),
      proveniens: provenance,
    }),
  },
} as const;

export type ReferenceName = keyof typeof REFERENCE_TABLES;
export type ReferenceRows = { [K in ReferenceName]: Record<string, string>[] };

export function readReference(rawDir: string): { tables: ReferenceRows; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const tables = {} as ReferenceRows;
  const located = {} as Record<
    ReferenceName,
    { file: string; rows: { line: number; value: Record<string, string>; col: (c: string) => number }[] }
  >;
  for (const [name, spec] of Object.entries(REFERENCE_TABLES) as [
    ReferenceName,
    (typeof REFERENCE_TABLES)[ReferenceName],
  ][]) {
    const path = join(rawDir, 'reference', spec.file);
    const cols = Object.keys(spec.schema.shape);
    const read = readTable(path, spec.schema, {
      displayPath: displayPath(path),
      encoding: 'utf-8',
      required: cols,
      known: cols,
      nonEmpty: true,
    });
    warnings.push(...read.warnings);
    tables[name] = read.rows.map((r) => r.value as Record<string, string>);
    located[name] = {
      file: read.table.file,
      rows: read.rows.map((r) => ({
        line: r.line,
        value: r.value as Record<string, string>,
        col: (c: string) => columnOf(read.table, r.raw, c),
      })),
    };
  }
  crossCheck(located);
  return { tables, warnings };
}

/** Every code a reference row points to must exist in the table it points into. */
function crossCheck(
  t: Record<
    ReferenceName,
    { file: string; rows: { line: number; value: Record<string, string>; col: (c: string) => number }[] }
  >,
) {
  const set = (name: ReferenceName, key: string) => new Set(t[name].rows.map((r) => r.value[key]));
  const lan = set('lan', 'lan_kod');
  const sections = set('sni_avdelningar', 'avdelning');
  const divisions = set('sni_huvudgrupper', 'huvudgrupp');
  const rams = set('rams_grupper', 'rams_grupp');
  const check = (name: ReferenceName, column: string, known: Set<string>, what: string, split = false) => {
    for (const r of t[name].rows) {
      const values = split ? r.value[column].split(';').filter(Boolean) : [r.value[column]];
      for (const v of values) {
        if (!known.has(v)) {
          throw new InputError(
            { file: t[name].file, line: r.line, column: r.col(column) },
            `a known ${what}`,
            shown(v),
          );
        }
      }
    }
  };
  check('kommuner', 'lan_kod', lan, 'county code (lan.csv)');
  check('lan_alias', 'lan_kod', lan, 'county code (lan.csv)');
  check('gazetteer', 'lan_koder', lan, 'county code (lan.csv)', true);
  check('sni_huvudgrupper', 'avdelning', sections, 'SNI section');
  check('rams_grupper', 'sni_avdelningar', sections, 'SNI section', true);
  check('sektorer', 'rams_grupp', rams, 'RAMS group (rams-grupper.csv)');
  check('sektorer', 'sni_huvudgrupper', divisions, 'SNI division', true);
}
