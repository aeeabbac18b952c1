import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CsvRow,
  type CsvTable,
  columnOf,
  displayPath,
  InputError,
  type Location,
  readTable,
  shown,
  type Warning,
  warningAt,
} from '@kk/core';
import { z } from 'zod';
import {
  BEDOMNINGAR,
  BESLUT,
  type Bedomning,
  type Beslut,
  JA_NEJ_OKANT,
  type JaNejOkant,
  KRITERIER,
  type Kriterium,
  ORGANISATIONSTYPER,
  type Organisationstyp,
  SKAL_NYCKLAR,
  type SkalNyckel,
  type Skaltexter,
} from './rule.ts';

/** The raw files this stage reads, relative to raw/<year>/ (all in the folder package.json `klusterkartan.reads` names). */
export const RAW_FILES = {
  kriterier: 'criteria/kriterier.csv',
  skal: 'criteria/skal.csv',
  indikatorer: 'criteria/indikatorer.csv',
  initiativ: 'criteria/initiativ.csv',
  bedomningar: 'criteria/bedomningar.csv',
  installningar: 'criteria/installningar.json',
} as const;

const text = z.string().transform((s) => s.trim());
const nonEmpty = (what: string) => text.pipe(z.string().min(1, what));
const proveniens = z.enum(['report', 'reconstructed', 'synthetic'], {
  message: 'report, reconstructed or synthetic',
});
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: values.join(', ') });
const entityId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an entity id of a-z, 0-9 and single hyphens');
const numberList = z
  .string()
  .regex(/^(\d+(;\d+)*)?$/, 'sub-indicator numbers separated by ; (or nothing when unknown)');

const kriterierSchema = z.object({
  nr: z.string().regex(/^[1-6]$/, 'a criterion number 1–6'),
  rubrik: nonEmpty('the heading as in the report'),
  beskrivning: nonEmpty('the description as in the report'),
  diagramtext: nonEmpty('the label of Diagram 1'),
  proveniens,
  kortnamn: nonEmpty('a short name for running text ("specialisering")'),
  kortnamn_proveniens: proveniens,
  skalnamn: nonEmpty('the name in the reasons ("tydlig specialisering")'),
});

const skalSchema = z.object({
  nyckel: oneOf(SKAL_NYCKLAR),
  text: nonEmpty('the wording of the reason'),
  proveniens,
});

const indikatorerSchema = z.object({
  kriterium: z.string().regex(/^[1-6]$/, 'a criterion number 1–6'),
  nr: z.string().regex(/^[1-9]\d*$/, 'a positive whole number'),
  text: nonEmpty('the sub-indicator as worded in the report'),
  proveniens,
});

const initiativBase = z.object({
  entity_id: entityId,
  namn: text,
  aktiv: oneOf(JA_NEJ_OKANT),
  inaktiv_sedan: z.string().regex(/^(\d{4})?$/, 'a year such as 2007, or nothing'),
  egen_webbplats: oneOf(JA_NEJ_OKANT),
  organisationstyp: oneOf(ORGANISATIONSTYPER),
  beslut: oneOf(BESLUT),
  beslut_motivering: text,
  steg: z.enum(['1', '2'], { message: '1 (the coarse collection) or 2 (the meetings)' }),
  belagg: text,
  proveniens_beslut: proveniens,
  proveniens,
});

const initiativSchema = initiativBase.superRefine((v, ctx) => {
  if (v.inaktiv_sedan !== '' && v.aktiv !== 'nej') {
    ctx.addIssue({ code: 'custom', path: ['inaktiv_sedan'], message: 'nothing when aktiv is not nej' });
  }
  if (v.steg === '1' && v.beslut !== 'bort') {
    ctx.addIssue({ code: 'custom', path: ['steg'], message: '2: only rejected candidates leave at step 1' });
  }
  if (v.beslut === 'bort' && v.beslut_motivering === '') {
    ctx.addIssue({ code: 'custom', path: ['beslut_motivering'], message: 'why it was sorted out' });
  }
});

export const GRUNDER = ['faktablad', 'beslut', 'omnämnande', 'saknas'] as const;

const bedomningBase = z.object({
  entity_id: entityId,
  kriterium: z.string().regex(/^[1-6]$/, 'a criterion number 1–6'),
  bedomning: oneOf(BEDOMNINGAR),
  indikatorer_uppfyllda: numberList,
  indikatorer_bedomda: numberList,
  grund: oneOf(GRUNDER),
  belagg: text,
  proveniens,
});

const bedomningSchema = bedomningBase.superRefine((v, ctx) => {
  if (v.bedomning !== 'okänt' && v.belagg === '') {
    ctx.addIssue({ code: 'custom', path: ['belagg'], message: 'the evidence for the judgment' });
  }
});

export interface KriteriumRad extends z.infer<typeof kriterierSchema> {}
export interface IndikatorRad extends z.infer<typeof indikatorerSchema> {}

export interface Initiativ {
  entity_id: string;
  namn: string;
  aktiv: JaNejOkant;
  inaktiv_sedan: number | null;
  egen_webbplats: JaNejOkant;
  organisationstyp: Organisationstyp;
  beslut: Beslut;
  beslut_motivering: string;
  steg: 1 | 2;
  belagg: string;
  proveniens_beslut: string;
  proveniens: string;
  /** Where the row is, for messages about it. */
  at: (column: string) => Location;
}

export interface BedomningRad {
  entity_id: string;
  kriterium: Kriterium;
  bedomning: Bedomning;
  uppfyllda: number[];
  bedomda: number[];
  grund: (typeof GRUNDER)[number];
  belagg: string;
  proveniens: string;
}

export interface Installningar {
  /** What to do with entities nobody has assessed: stop (default) or go on with them marked "ej bedömd". */
  ejBedomda: 'stoppa' | 'fortsätt';
}

export interface CriteriaRaw {
  kriterier: KriteriumRad[];
  indikatorer: IndikatorRad[];
  initiativ: Initiativ[];
  /** Judgments by entity id, one per criterion. */
  bedomningar: Map<string, Record<Kriterium, BedomningRad>>;
  installningar: Installningar;
  /** The reasons' wording (skal.csv) and the criteria's names in them. */
  skaltexter: Skaltexter;
  warnings: Warning[];
}

const numbers = (s: string) => (s === '' ? [] : s.split(';').map(Number));

function locator(table: CsvTable, row: CsvRow, file: string, line: number) {
  return (column: string): Location => ({ file, line, column: columnOf(table, row, column) });
}

export function readKriterier(rawDir: string, warnings: Warning[] = []) {
  const path = join(rawDir, RAW_FILES.kriterier);
  const file = displayPath(path);
  const cols = Object.keys(kriterierSchema.shape);
  const t = readTable(path, kriterierSchema, {
    displayPath: file,
    required: cols,
    known: cols,
    nonEmpty: true,
  });
  warnings.push(...t.warnings);
  const seen = new Map<string, number>();
  for (const { value, line, raw } of t.rows) {
    const dup = seen.get(value.nr);
    if (dup !== undefined) {
      throw new InputError(
        locator(t.table, raw, file, line)('nr'),
        'each criterion once',
        `${value.nr}, already on line ${dup}`,
      );
    }
    seen.set(value.nr, line);
  }
  for (const k of KRITERIER) {
    if (!seen.has(String(k))) {
      throw new InputError({ file, line: t.table.headerLine }, `a row for criterion ${k}`, 'none');
    }
  }
  return t.rows.map((r) => r.value);
}

function readIndikatorer(rawDir: string, warnings: Warning[]) {
  const path = join(rawDir, RAW_FILES.indikatorer);
  const file = displayPath(path);
  const cols = Object.keys(indikatorerSchema.shape);
  const t = readTable(path, indikatorerSchema, {
    displayPath: file,
    required: cols,
    known: cols,
    nonEmpty: true,
  });
  warnings.push(...t.warnings);
  const seen = new Map<string, number>();
  for (const { value, line, raw } of t.rows) {
    const key = `${value.kriterium}.${value.nr}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      throw new InputError(
        locator(t.table, raw, file, line)('nr'),
        'each sub-indicator once',
        `${key}, already on line ${dup}`,
      );
    }
    seen.set(key, line);
  }
  return t.rows.map((r) => r.value);
}

function readInstallningar(rawDir: string): Installningar {
  const path = join(rawDir, RAW_FILES.installningar);
  if (!existsSync(path)) return { ejBedomda: 'stoppa' };
  const file = displayPath(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError({ file }, 'JSON such as {"ej_bedomda": "stoppa"}', (err as Error).message);
  }
  const schema = z.object({ ej_bedomda: z.enum(['stoppa', 'fortsätt']) }).strict();
  const r = schema.safeParse(json);
  if (!r.success) {
    throw new InputError(
      { file },
      '{"ej_bedomda": "stoppa"} or {"ej_bedomda": "fortsätt"}',
      JSON.stringify(json),
    );
  }
  return { ejBedomda: r.data.ej_bedomda };
}

/**
 * Reads the criteria, sub-indicators, assessments and settings of an edition. A wrong value, a duplicate,
 * a judgment of an unknown entity, a missing criterion or an undefined sub-indicator is an InputError with
 * file, line and column.
 */
export function readCriteriaRaw(rawDir: string): CriteriaRaw {
  const warnings: Warning[] = [];
  const kriterier = readKriterier(rawDir, warnings);
  const indikatorer = readIndikatorer(rawDir, warnings);
  const skaltexter = readSkaltexter(rawDir, kriterier, warnings);
  const defined = new Map<number, Set<number>>();
  for (const i of indikatorer) {
    const k = Number(i.kriterium);
    if (!defined.has(k)) defined.set(k, new Set());
    defined.get(k)?.add(Number(i.nr));
  }

  const iPath = join(rawDir, RAW_FILES.initiativ);
  const iFile = displayPath(iPath);
  const iCols = Object.keys(initiativBase.shape);
  const initiativ: Initiativ[] = [];
  const iLines = new Map<string, number>();
  const bPath = join(rawDir, RAW_FILES.bedomningar);
  const bedomningar = new Map<string, Record<Kriterium, BedomningRad>>();
  // A new edition starts without assessments: every entity then goes to the review sheet.
  if (!existsSync(iPath) && !existsSync(bPath)) {
    warnings.push(
      warningAt({ file: iFile }, 'no assessments yet (no such file): every entity is unassessed'),
    );
    return {
      kriterier,
      indikatorer,
      initiativ,
      bedomningar,
      installningar: readInstallningar(rawDir),
      skaltexter,
      warnings,
    };
  }
  for (const path of [iPath, bPath]) {
    if (!existsSync(path)) {
      throw new InputError(
        { file: displayPath(path) },
        `both ${RAW_FILES.initiativ} and ${RAW_FILES.bedomningar} (or neither, before any assessment)`,
        'no such file',
      );
    }
  }
  const it = readTable(iPath, initiativSchema, { displayPath: iFile, required: iCols, known: iCols });
  warnings.push(...it.warnings);
  for (const { value: v, line, raw } of it.rows) {
    const at = locator(it.table, raw, iFile, line);
    const dup = iLines.get(v.entity_id);
    if (dup !== undefined) {
      throw new InputError(
        at('entity_id'),
        'one row per entity',
        `${shown(v.entity_id)}, already on line ${dup}`,
      );
    }
    iLines.set(v.entity_id, line);
    initiativ.push({
      ...v,
      inaktiv_sedan: v.inaktiv_sedan === '' ? null : Number(v.inaktiv_sedan),
      steg: v.steg === '1' ? 1 : 2,
      at,
    });
  }

  const bFile = displayPath(bPath);
  const bCols = Object.keys(bedomningBase.shape);
  const bt = readTable(bPath, bedomningSchema, { displayPath: bFile, required: bCols, known: bCols });
  warnings.push(...bt.warnings);
  const bLines = new Map<string, number>();
  for (const { value: v, line, raw } of bt.rows) {
    const at = locator(bt.table, raw, bFile, line);
    if (!iLines.has(v.entity_id)) {
      throw new InputError(
        at('entity_id'),
        `an entity with a row in ${RAW_FILES.initiativ}`,
        shown(v.entity_id),
      );
    }
    const key = `${v.entity_id}:${v.kriterium}`;
    const dup = bLines.get(key);
    if (dup !== undefined) {
      throw new InputError(
        at('kriterium'),
        'one judgment per entity and criterion',
        `criterion ${v.kriterium} of ${shown(v.entity_id)} again (line ${dup})`,
      );
    }
    bLines.set(key, line);
    const k = Number(v.kriterium) as Kriterium;
    const uppfyllda = numbers(v.indikatorer_uppfyllda);
    const bedomda = numbers(v.indikatorer_bedomda);
    const known = defined.get(k) ?? new Set<number>();
    for (const [col, list] of [
      ['indikatorer_bedomda', bedomda],
      ['indikatorer_uppfyllda', uppfyllda],
    ] as const) {
      const bad = list.find((n) => !known.has(n));
      if (bad !== undefined) {
        throw new InputError(
          at(col),
          `sub-indicators of criterion ${k} (${[...known].sort((a, b) => a - b).join(', ')})`,
          String(bad),
        );
      }
      if (new Set(list).size !== list.length) {
        throw new InputError(
          at(col),
          'each sub-indicator once',
          shown(col === 'indikatorer_bedomda' ? v.indikatorer_bedomda : v.indikatorer_uppfyllda),
        );
      }
    }
    const notJudged = uppfyllda.find((n) => !bedomda.includes(n));
    if (notJudged !== undefined) {
      throw new InputError(
        at('indikatorer_uppfyllda'),
        'only sub-indicators also listed in indikatorer_bedomda',
        `${notJudged}, not judged`,
      );
    }
    const byK = bedomningar.get(v.entity_id) ?? ({} as Record<Kriterium, BedomningRad>);
    byK[k] = {
      entity_id: v.entity_id,
      kriterium: k,
      bedomning: v.bedomning,
      uppfyllda,
      bedomda,
      grund: v.grund,
      belagg: v.belagg,
      proveniens: v.proveniens,
    };
    bedomningar.set(v.entity_id, byK);
  }
  for (const ini of initiativ) {
    const have = bedomningar.get(ini.entity_id) ?? ({} as Record<Kriterium, BedomningRad>);
    const missing = KRITERIER.filter((k) => !have[k]);
    if (missing.length > 0) {
      throw new InputError(
        ini.at('entity_id'),
        `a judgment of each of the six criteria in ${RAW_FILES.bedomningar}`,
        `none for criterion ${missing.join(', ')} of ${shown(ini.entity_id)}`,
      );
    }
  }
  return {
    kriterier,
    indikatorer,
    initiativ,
    bedomningar,
    installningar: readInstallningar(rawDir),
    skaltexter,
    warnings,
  };
}

/** The reasons' wording: every key of the rule once in skal.csv, and each criterion's name from kriterier.csv. */
export function readSkaltexter(
  rawDir: string,
  kriterier: KriteriumRad[],
  warnings: Warning[] = [],
): Skaltexter {
  const path = join(rawDir, RAW_FILES.skal);
  const file = displayPath(path);
  const cols = Object.keys(skalSchema.shape);
  const t = readTable(path, skalSchema, { displayPath: file, required: cols, known: cols, nonEmpty: true });
  warnings.push(...t.warnings);
  const mallar = {} as Record<SkalNyckel, string>;
  for (const { value, line, raw } of t.rows) {
    if (value.nyckel in mallar) {
      throw new InputError(locator(t.table, raw, file, line)('nyckel'), 'each key once', shown(value.nyckel));
    }
    mallar[value.nyckel] = value.text;
  }
  const missing = SKAL_NYCKLAR.filter((k) => !(k in mallar));
  if (missing.length) {
    throw new InputError(
      { file, line: t.table.headerLine },
      `a row for every reason (${missing.join(', ')})`,
      'none',
    );
  }
  const skalnamn = Object.fromEntries(
    kriterier.map((k) => [Number(k.nr), k.skalnamn]),
  ) as Skaltexter['skalnamn'];
  return { mallar, skalnamn };
}
