import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkFieldLength,
  columnLetters,
  columnOf,
  displayPath,
  type Encoding,
  InputError,
  type Location,
  readDeliveredCsv,
  readTable,
  readXlsx,
  shown,
  type Warning,
  warningAt,
} from '@kk/core';
import { NAME_LIMIT } from '@kk/fields';
import { z } from 'zod';
import {
  canonicalWeb,
  contactName,
  emails,
  numberCell,
  phoneNumbers,
  postcodeFromNumber,
  postcodes,
  trunkZeroLost,
} from './normalise.ts';

/** The common candidate schema every source list maps its own columns to. */
export const CANDIDATE_FIELDS = [
  'namn',
  'webb',
  'adress',
  'postnummer',
  'ort',
  'telefon',
  'kontaktperson',
  'epost',
  'region',
  'sektor',
  'anmarkning',
  'proveniens',
  'grund',
] as const;
export type CandidateField = (typeof CANDIDATE_FIELDS)[number];

export const PROVENANCES = ['report', 'reconstructed', 'synthetic'] as const;

const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-1', 'macintosh', 'auto'] as const;
const DELIMITERS = [',', ';', 'tab', 'auto'] as const;
const ENCODING_EXPECTED = 'utf-8, windows-1252, iso-8859-1, macintosh or auto';
const DELIMITER_EXPECTED = "',', ';', 'tab' or 'auto'";

const manifestFields = z.object({
  fil: z
    .string()
    .regex(
      /^[\w.-]+\.(csv|tsv|txt|xlsx)$/,
      'a file name in sources/ (letters, digits, . _ -) ending .csv, .tsv, .txt or .xlsx',
    ),
  kalla: z.enum(['1', '2'], { message: 'källa 1 or 2' }),
  niva: z.enum(['nationell', 'regional', 'lokal', 'register', 'ansokan'], {
    message: 'one of nationell, regional, lokal, register, ansokan',
  }),
  ursprung: z.string().trim().min(1, 'the organisation the list comes from'),
  // Not used for an .xlsx file (raw/README.md), so left empty there; a text file needs both (below).
  kodning: z.enum([...ENCODINGS, ''], { message: ENCODING_EXPECTED }),
  avgransare: z.enum([...DELIMITERS, ''], { message: DELIMITER_EXPECTED }),
  proveniens: z.enum(PROVENANCES, { message: 'report, reconstructed or synthetic' }),
  beskrivning: z.string().default(''),
  // A new edition's slot for a list not yet delivered (npm run edition): `nej` (empty: delivered).
  levererad: z.enum(['ja', 'nej', ''], { message: 'ja, nej or nothing' }).default(''),
  // Lists as delivered: the sheet of a workbook (default: the first), the header's row and the number of notes
  // rows at the end when the reader should not guess them (default: recognised).
  blad: z.string().default(''),
  rubrikrad: z
    .string()
    .regex(/^(\d+)?$/, 'a row number or nothing')
    .default(''),
  slutrader: z
    .string()
    .regex(/^(\d+)?$/, 'a number of rows or nothing')
    .default(''),
});

const isWorkbook = (fil: string) => fil.toLowerCase().endsWith('.xlsx');

// A workbook's row may leave kodning and avgransare empty: they read as auto, what a row declares that leaves
// them to the reader. A text file's row must give both.
const manifestSchema = manifestFields
  .superRefine((m, ctx) => {
    if (isWorkbook(m.fil)) return;
    if (m.kodning === '') ctx.addIssue({ code: 'custom', path: ['kodning'], message: ENCODING_EXPECTED });
    if (m.avgransare === '')
      ctx.addIssue({ code: 'custom', path: ['avgransare'], message: DELIMITER_EXPECTED });
  })
  .transform((m) => ({ ...m, kodning: m.kodning || 'auto', avgransare: m.avgransare || 'auto' }));

const columnsSchema = z.object({
  fil: z.string().min(1, 'a file named in manifest.csv'),
  kolumn: z.string().min(1, "the list's own column name"),
  falt: z.enum([...CANDIDATE_FIELDS, '-'], {
    message: `one of ${CANDIDATE_FIELDS.join(', ')} or - (ignored)`,
  }),
});

export interface SourceList {
  fil: string;
  kalla: number;
  niva: string;
  ursprung: string;
  kodning: string;
  encoding_read: string;
  avgransare: string;
  proveniens: string;
  beskrivning: string;
  rader: number;
}

export interface Candidate {
  record_id: string;
  source_file: string;
  source_line: number;
  kalla: number;
  niva: string;
  ursprung: string;
  namn: string;
  webb: string;
  webb_canonical: string | null;
  webb_host: string | null;
  adress: string;
  postnummer: string;
  ort: string;
  telefon: string;
  telefon_norm: string[];
  kontaktperson: string;
  kontakt_namn: string;
  epost: string[];
  region: string;
  sektor: string;
  anmarkning: string;
  proveniens: string;
  grund: string;
  extra: string;
}

const OWN_FILES = new Set(['manifest.csv', 'kolumner.csv']);

/** Reads sources/manifest.csv, sources/kolumner.csv and every list they name. */
export async function readSources(rawDir: string): Promise<{
  lists: SourceList[];
  candidates: Candidate[];
  warnings: Warning[];
}> {
  const dir = join(rawDir, 'sources');
  const warnings: Warning[] = [];
  const manifestPath = join(dir, 'manifest.csv');
  if (!existsSync(manifestPath)) {
    throw new InputError(
      { file: displayPath(manifestPath) },
      'the manifest of the source lists',
      'no such file',
    );
  }
  const manifest = readTable(manifestPath, manifestSchema, {
    displayPath: displayPath(manifestPath),
    required: ['fil', 'kalla', 'niva', 'ursprung', 'kodning', 'avgransare', 'proveniens'],
    known: Object.keys(manifestFields.shape),
    nonEmpty: true,
  });
  warnings.push(...manifest.warnings);
  const colsPath = join(dir, 'kolumner.csv');
  const columns = readTable(colsPath, columnsSchema, {
    displayPath: displayPath(colsPath),
    required: ['fil', 'kolumn', 'falt'],
    known: ['fil', 'kolumn', 'falt'],
    nonEmpty: true,
  });
  warnings.push(...columns.warnings);

  const declared = new Set<string>();
  for (const { value, line } of manifest.rows) {
    if (declared.has(value.fil)) {
      throw new InputError(
        { file: manifest.table.file, line, column: 1 },
        'each list once in the manifest',
        `${shown(value.fil)} again`,
      );
    }
    declared.add(value.fil);
    if (!existsSync(join(dir, value.fil)) && value.levererad !== 'nej') {
      throw new InputError(
        { file: manifest.table.file, line, column: 1 },
        `the file sources/${value.fil} that the manifest names`,
        'no such file',
      );
    }
  }
  for (const name of readdirSync(dir).sort()) {
    if (OWN_FILES.has(name) || name.endsWith('.md')) continue;
    if (!declared.has(name)) {
      throw new InputError(
        { file: displayPath(join(dir, name)) },
        'a list declared in sources/manifest.csv',
        'a file the manifest does not name (add it to the manifest, or move it out of sources/)',
      );
    }
  }
  for (const { value, line } of columns.rows) {
    if (!declared.has(value.fil)) {
      throw new InputError(
        { file: columns.table.file, line, column: 1 },
        'a file named in manifest.csv',
        shown(value.fil),
      );
    }
  }

  const lists: SourceList[] = [];
  const candidates: Candidate[] = [];
  // Lists a new edition still awaits (levererad: nej), reported in one warning each kind.
  const placeholders: string[] = [];
  const slots: string[] = [];
  for (const { value: m } of manifest.rows) {
    const path = join(dir, m.fil);
    const file = displayPath(path);
    if (m.levererad === 'nej') {
      const there = existsSync(path);
      (there ? placeholders : slots).push(m.fil);
      if (!there) {
        lists.push({
          fil: m.fil,
          kalla: Number(m.kalla),
          niva: m.niva,
          ursprung: m.ursprung,
          kodning: m.kodning,
          encoding_read: '',
          avgransare: m.avgransare,
          proveniens: m.proveniens,
          beskrivning: m.beskrivning,
          rader: 0,
        });
        continue;
      }
    }
    // Column names compared in NFC, as the readers give the header (a macOS export writes "Län" decomposed).
    const mapping = columns.rows
      .filter((c) => c.value.fil === m.fil)
      .map((c) => ({ ...c.value, kolumn: c.value.kolumn.normalize('NFC') }));
    if (!mapping.some((c) => c.falt === 'namn')) {
      throw new InputError(
        { file: columns.table.file },
        `a row mapping a column of ${m.fil} to the field namn`,
        'none',
      );
    }
    const declared = {
      headerRow: m.rubrikrad ? Number(m.rubrikrad) : undefined,
      notesRows: m.slutrader ? Number(m.slutrader) : undefined,
    };
    const table = isWorkbook(m.fil)
      ? await readXlsx(path, { displayPath: file, sheet: m.blad || undefined, declared })
      : readDeliveredCsv(readFileSync(path), {
          file,
          encoding: m.kodning as Encoding | 'auto',
          delimiter: m.avgransare === 'tab' ? '\t' : (m.avgransare as ',' | ';' | 'auto'),
          declared,
        });
    warnings.push(...table.warnings);
    for (const c of mapping) {
      if (!table.header.includes(c.kolumn)) {
        const loc = { file: table.file, line: table.headerLine, column: 1 };
        if (c.falt === 'namn')
          throw new InputError(
            loc,
            `the column ${shown(c.kolumn)} (mapped to namn)`,
            `no such column; the header has ${table.header.map((h) => shown(h)).join(', ')}`,
          );
        warnings.push(
          warningAt(
            loc,
            `column ${shown(c.kolumn)} is mapped in kolumner.csv but missing; field ${c.falt} left empty`,
          ),
        );
      }
    }
    const mapped = new Map(mapping.map((c) => [c.kolumn, c.falt]));
    const extraColumns = table.header.filter((h) => !mapped.has(h));
    for (const h of extraColumns) {
      warnings.push(
        warningAt(
          { file: table.file, line: table.headerLine },
          `unknown extra column ${shown(h)} (kept raw in "extra")`,
        ),
      );
    }
    if (table.rows.length === 0)
      warnings.push(warningAt({ file: table.file, line: table.headerLine }, 'the list has no rows'));
    const seenLines = new Map<string, number>();
    // Identifiers a spreadsheet stored as numbers, repaired and reported once per list and kind.
    const repairs: Record<'telefon' | 'postnummer', { at: Location; from: string; to: string }[]> = {
      telefon: [],
      postnummer: [],
    };
    const fieldColumn = (field: CandidateField) => mapping.find((c) => c.falt === field)?.kolumn ?? '';
    for (const row of table.rows) {
      const f: Record<CandidateField, string> = Object.fromEntries(
        CANDIDATE_FIELDS.map((k) => [k, '']),
      ) as Record<CandidateField, string>;
      for (const [col, field] of mapped) {
        if (field === '-' || !(col in row.record)) continue;
        const v = row.record[col].trim();
        if (v === '') continue;
        f[field as CandidateField] = f[field as CandidateField] ? `${f[field as CandidateField]}\n${v}` : v;
      }
      const nameCol = mapping.find((c) => c.falt === 'namn')?.kolumn ?? '';
      const at = (column: string) => ({
        file: table.file,
        line: row.line,
        column: columnOf(table, row, column),
      });
      if (f.namn === '') throw new InputError(at(nameCol), 'the name of the initiative', 'an empty cell');
      checkFieldLength(at(nameCol), f.namn, NAME_LIMIT, 'a name');
      if (/^[\d\s.,-]+$/.test(f.namn))
        warnings.push(warningAt(at(nameCol), `a number where a name belongs: ${shown(f.namn)}`));
      if (f.proveniens === '') f.proveniens = m.proveniens;
      if (!(PROVENANCES as readonly string[]).includes(f.proveniens)) {
        throw new InputError(
          at(mapping.find((c) => c.falt === 'proveniens')?.kolumn ?? nameCol),
          'report, reconstructed or synthetic',
          shown(f.proveniens),
        );
      }
      const key = row.values.join('\u0001');
      const previous = seenLines.get(key);
      if (previous !== undefined)
        warnings.push(
          warningAt(
            { file: table.file, line: row.line },
            `duplicate of line ${previous} (kept; dedupe merges it)`,
          ),
        );
      else seenLines.set(key, row.line);
      const web = canonicalWeb(f.webb);
      if (f.webb && !web)
        warnings.push(
          warningAt(
            at(mapping.find((c) => c.falt === 'webb')?.kolumn ?? nameCol),
            `not a web address: ${shown(f.webb)} (kept raw)`,
          ),
        );
      // A phone stored as a number lost its trunk 0 (0522-19932 → 52219932): given back before normalising.
      const phoneLines = f.telefon.split('\n').map((line) => {
        const digits = numberCell(line);
        const repaired = digits === undefined ? undefined : trunkZeroLost(digits);
        if (repaired === undefined) return line;
        repairs.telefon.push({ at: at(fieldColumn('telefon')), from: line.trim(), to: repaired });
        return repaired;
      });
      const contactText = [phoneLines.join('\n'), f.kontaktperson].join('\n');
      // A postcode stored as a number: 41296 is read as 412 96 as it is; 41296.0 (a CSV written from the sheet)
      // would lose its shape to the digits rule, so it is read as the postcode it was.
      const postcode = postcodeFromNumber(f.postnummer);
      if (postcode && !/^\d{5}$/.test(f.postnummer))
        repairs.postnummer.push({ at: at(fieldColumn('postnummer')), from: f.postnummer, to: postcode });
      const postnummer = postcode ?? f.postnummer;
      candidates.push({
        record_id: `${m.fil}:${row.line}`,
        source_file: `sources/${m.fil}`,
        source_line: row.line,
        kalla: Number(m.kalla),
        niva: m.niva,
        ursprung: m.ursprung,
        namn: f.namn,
        webb: f.webb,
        webb_canonical: web?.canonical ?? null,
        webb_host: web?.host ?? null,
        adress: f.adress,
        postnummer: postnummer ? postnummer.replace(/\D/g, '') : (postcodes(f.adress)[0] ?? ''),
        ort: f.ort,
        telefon: f.telefon,
        telefon_norm: phoneNumbers(contactText),
        kontaktperson: f.kontaktperson,
        kontakt_namn: contactName(f.kontaktperson),
        epost: emails([f.epost, f.kontaktperson].join('\n')),
        region: f.region,
        sektor: f.sektor,
        anmarkning: f.anmarkning,
        proveniens: f.proveniens,
        grund: f.grund,
        extra: JSON.stringify(Object.fromEntries(extraColumns.map((h) => [h, row.record[h]]))),
      });
    }
    const place = (l: Location) =>
      table.sheet ? `${columnLetters(l.column ?? 1)}${l.line}` : `line ${l.line}`;
    for (const [field, done] of Object.entries(repairs)) {
      if (!done.length) continue;
      const what =
        field === 'telefon'
          ? 'phone number(s) stored as numbers, without their leading 0, read with it'
          : 'postcode(s) stored as numbers read as postcodes';
      warnings.push(
        warningAt(
          done[0].at,
          `${done.length} ${what} (${field}, kept as written beside the normalised value): ${done
            .map((r) => `${place(r.at)} ${shown(r.from)} → ${shown(r.to)}`)
            .join('; ')}`,
        ),
      );
    }
    lists.push({
      fil: m.fil,
      kalla: Number(m.kalla),
      niva: m.niva,
      ursprung: m.ursprung,
      kodning: m.kodning,
      encoding_read: table.encoding,
      avgransare: m.avgransare,
      proveniens: m.proveniens,
      beskrivning: m.beskrivning,
      rader: table.rows.length,
    });
  }
  const loc = { file: manifest.table.file };
  if (placeholders.length)
    warnings.push(
      warningAt(
        loc,
        `${placeholders.length} list(s) not yet delivered for this edition (levererad: nej) still hold the previous edition's rows: ${placeholders.join(', ')}`,
      ),
    );
  if (slots.length)
    warnings.push(
      warningAt(
        loc,
        `${slots.length} list(s) not yet delivered for this edition (levererad: nej) are empty slots: ${slots.join(', ')}`,
      ),
    );
  return { lists, candidates, warnings };
}
