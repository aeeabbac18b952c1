import { join } from 'node:path';
import {
  checkFieldLength,
  columnOf,
  displayPath,
  InputError,
  positionOf,
  readTable,
  shown,
  type Warning,
  warningAt,
} from '@kk/core';
import { FACT_FIELD_LIMIT, FACT_FIELDS, NAME_LIMIT } from '@kk/fields';
import { z } from 'zod';
import {
  canonicalWeb,
  contactName,
  emails,
  memberCount,
  phoneNumbers,
  postcodes,
  startYear,
} from './normalise.ts';

const text = z.string().transform((s) => s.trim());

const base = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id of a-z, 0-9 and single hyphens'),
  lista: z.enum(['1', '2'], { message: 'list 1 or 2' }),
  natverkstyp: z.enum(['', 'strategiskt', 'transnationellt'], {
    message: 'empty, strategiskt or transnationellt',
  }),
  ordning: z.string().regex(/^[1-9]\d*$/, 'a positive whole number (the order in its table)'),
  tabellnamn: text.pipe(z.string().min(1, 'the name in the overview table')),
  tabell_geografi: text,
  rubrik: text.pipe(z.string().min(1, 'the heading of the fact page')),
  sida_2009: z.string().regex(/^(\d+)?$/, 'a page number or nothing'),
  internetadress: text,
  adress: text,
  telefonnummer: text,
  kontaktperson: text,
  geografiskt_omrade: text,
  typ_av_sektor: text,
  antal_medlemsforetag: text,
  startar: text,
  finansiarer: text,
  forskning: text,
  koppling: text,
  proveniens: z.enum(['report', 'reconstructed', 'synthetic'], {
    message: 'report, reconstructed or synthetic',
  }),
});

const schema = base.superRefine((v, ctx) => {
  if (v.lista === '2' && v.natverkstyp === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['natverkstyp'],
      message: 'strategiskt or transnationellt for a list-2 entry',
    });
  }
  if (v.lista === '1' && v.natverkstyp !== '') {
    ctx.addIssue({ code: 'custom', path: ['natverkstyp'], message: 'nothing for a list-1 initiative' });
  }
});

export type FactsheetRow = z.infer<typeof schema>;

export interface Factsheet extends Omit<FactsheetRow, 'lista' | 'ordning' | 'sida_2009'> {
  lista: number;
  ordning: number;
  sida_2009: number | null;
  source_line: number;
  webb_canonical: string | null;
  webb_host: string | null;
  postnummer: string;
  telefon_norm: string[];
  epost: string[];
  kontakt_namn: string;
  medlemmar_ca: boolean;
  medlemmar_min: number | null;
  medlemmar_max: number | null;
  startar_ar: number | null;
}

/**
 * The fact sheets, with the values in force from the survey (`overrides`: per id and field, the answers the
 * analyst has not overruled) put in before the fields are parsed, so every derived column (phones, e-mail,
 * web host, member count, start year) describes the value the report prints.
 */
export function readFactsheets(
  rawDir: string,
  editionYear: number,
  overrides: ReadonlyMap<string, Record<string, string>> = new Map(),
): { factsheets: Factsheet[]; warnings: Warning[] } {
  const path = join(rawDir, 'factsheets', 'factsheets.csv');
  const file = displayPath(path);
  const columns = Object.keys(base.shape);
  const { table, rows, warnings } = readTable(path, schema, {
    displayPath: file,
    encoding: 'utf-8',
    required: columns,
    known: columns,
    nonEmpty: true,
  });
  const ids = new Map<string, number>();
  const orders = new Map<string, number>();
  const out: Factsheet[] = [];
  for (const { value: sheet, line, raw } of rows) {
    const v = { ...sheet, ...overrides.get(sheet.id) };
    const at = (col: string) => ({ file, line, column: columnOf(table, raw, col) });
    const place = (col: string) => ({ file, ...positionOf(table, raw, col) });
    for (const [key, label] of FACT_FIELDS) {
      checkFieldLength(place(key), raw.record[key] ?? '', FACT_FIELD_LIMIT, `a fact-table field (${label})`);
    }
    for (const key of ['tabellnamn', 'rubrik']) {
      checkFieldLength(place(key), raw.record[key] ?? '', NAME_LIMIT, `a name (${key})`);
    }
    const dup = ids.get(v.id);
    if (dup !== undefined)
      throw new InputError(at('id'), 'a unique id', `${shown(v.id)}, already on line ${dup}`);
    ids.set(v.id, line);
    const orderKey = `${v.lista}:${v.ordning}`;
    const dupOrder = orders.get(orderKey);
    if (dupOrder !== undefined) {
      throw new InputError(
        at('ordning'),
        `a unique place in list ${v.lista}`,
        `${v.ordning}, already on line ${dupOrder}`,
      );
    }
    orders.set(orderKey, line);
    const web = canonicalWeb(v.internetadress);
    if (v.internetadress && !web)
      warnings.push(
        warningAt(at('internetadress'), `not a web address: ${shown(v.internetadress)} (kept raw)`),
      );
    const members = memberCount(v.antal_medlemsforetag);
    if (members.problem)
      warnings.push(warningAt(at('antal_medlemsforetag'), `${members.problem} (kept raw)`));
    const start = startYear(v.startar, editionYear);
    if (start.problem) warnings.push(warningAt(at('startar'), `${start.problem} (kept raw)`));
    out.push({
      ...v,
      lista: Number(v.lista),
      ordning: Number(v.ordning),
      sida_2009: v.sida_2009 ? Number(v.sida_2009) : null,
      source_line: line,
      webb_canonical: web?.canonical ?? null,
      webb_host: web?.host ?? null,
      postnummer: postcodes(v.adress)[0] ?? '',
      telefon_norm: phoneNumbers([v.telefonnummer, v.kontaktperson].join('\n')),
      epost: emails(v.kontaktperson),
      kontakt_namn: contactName(v.kontaktperson),
      medlemmar_ca: members.approx,
      medlemmar_min: members.min,
      medlemmar_max: members.max,
      startar_ar: start.year,
    });
  }
  return { factsheets: out, warnings };
}
