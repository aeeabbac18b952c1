// Source lists in the shapes they arrive in, read by ingest's reader of the lists in process (readSources on a
// raw folder with one list): empty files, a header only and notes only give a located message or a warning,
// never a crash; phones and postcodes that a spreadsheet stored as numbers are read as what they were, and
// said so; a macOS export (NFD) reads as its NFC twin; and a seeded, bounded property test (fast-check) writes
// lists in combinations of every shape and checks that each gives the clean list's candidates or a located
// error, and never an internal message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, runStage } from '@kk/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempEdition, tempEdition } from '../../../tests/support/edition.ts';
import { numberCell, phoneNumbers, postcodeFromNumber, trunkZeroLost } from '../src/normalise.ts';
import { type Candidate, readSources, type SourceList } from '../src/sources.ts';
import ingest from '../src/stage.ts';
import {
  CLEAN_SHAPE,
  type CleanList,
  cleanList,
  csvField,
  type ListShape,
  NOTES,
  writeList,
  writeManifest,
} from './shapes.ts';

/** The lists the shapes are made of: phones and postcodes (Värmland), a header "Län" and phones of every form
 *  (länsstyrelserna), quoted fields with commas (VINNOVA). */
const LISTS = ['k1-region-varmland', 'k1-lansstyrelser', 'k1-vinnova'] as const;
type ListName = (typeof LISTS)[number];

let root: string;
let runs = 0;
const cleans = new Map<ListName, CleanList>();
const baselines = new Map<ListName, Candidate[]>();

type Outcome =
  | { ok: true; candidates: Candidate[]; warnings: string[]; rader: number; lists: SourceList[] }
  | { ok: false; error: unknown; message: string };

/** readSources on a raw folder of its own holding sources/ with the given lists (and nothing else). */
async function ingestLists(
  write: (
    sources: string,
  ) => Promise<{ manifest: Record<string, string>; columns: { kolumn: string; falt: string }[] }[]>,
  nfdColumns = false,
): Promise<Outcome & { dir: string }> {
  const raw = join(root, `raw-${++runs}`);
  const sources = join(raw, 'sources');
  mkdirSync(sources, { recursive: true });
  writeManifest(sources, await write(sources), nfdColumns);
  try {
    const r = await readSources(raw);
    return {
      ok: true,
      candidates: r.candidates,
      warnings: r.warnings.map((w) => `${w.location}: ${w.message}`),
      rader: r.lists[0]?.rader ?? -1,
      lists: r.lists,
      dir: sources,
    };
  } catch (error) {
    return { ok: false, error, message: (error as Error).message ?? String(error), dir: sources };
  } finally {
    rmSync(raw, { recursive: true, force: true });
  }
}

/** One list in a shape; `dir` is where the list was (for the messages). */
async function ingestShape(name: ListName, shape: ListShape, nfdColumns = false) {
  let written: Awaited<ReturnType<typeof writeList>> | undefined;
  const out = await ingestLists(async (sources) => {
    written = await writeList(sources, clean(name), shape);
    return [written];
  }, nfdColumns);
  if (!written) throw new Error('not written');
  return { ...out, written, file: join(out.dir, written.fil) };
}

function clean(name: ListName): CleanList {
  let c = cleans.get(name);
  if (!c) {
    c = cleanList(name);
    cleans.set(name, c);
  }
  return c;
}

/** The list as the repository has it, read the same way. */
async function baseline(name: ListName): Promise<Candidate[]> {
  const known = baselines.get(name);
  if (known) return known;
  const c = clean(name);
  const out = await ingestLists(async (sources) => {
    writeFileSync(join(sources, `${name}.csv`), c.bytes);
    return [{ manifest: c.manifest, columns: c.columns }];
  });
  if (!out.ok) throw new Error(out.message);
  expect(out.warnings).toEqual([]);
  baselines.set(name, out.candidates);
  return out.candidates;
}

/** What must be equal between deliveries: every field but the file's name and the row's place; the phone as
 *  written too unless it was written as a number (its normalised form must still be equal). */
const content = (rows: Candidate[], phoneAsWritten = true) =>
  rows.map(({ record_id: _r, source_file: _f, source_line: _l, telefon, ...rest }) =>
    phoneAsWritten ? { ...rest, telefon } : rest,
  );

/** No engine's or our code's words in a message a user reads: no TypeError, no DuckDB, no stack, no temp file. */
function expectClean(message: string): void {
  expect(message).not.toMatch(
    /TypeError|RangeError|ReferenceError|Cannot read prop|undefined|Invalid Input Error|Error: |\n\s+at |node_modules|\.tmp-\d+|\.load\.ndjson|\.utf8\.csv/,
  );
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kk-shapes-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('an empty list, a header only, notes only: a located message or a warning, never a crash', () => {
  const shape = (over: Partial<ListShape>): ListShape => ({ ...CLEAN_SHAPE, ...over });

  it('an empty CSV: 0 bytes, a byte order mark only, blank lines, delimiters only', async () => {
    for (const s of [
      shape({ body: 'empty' }),
      shape({ body: 'empty', encoding: 'utf-8-bom' }),
      shape({ body: 'empty', encoding: 'windows-1252', declareEncoding: false, delimiter: ';' }),
    ]) {
      const r = await ingestShape('k1-region-varmland', s);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toBeInstanceOf(InputError);
      expect(r.message).toMatch(
        new RegExp(`^${escapeRe(r.file)}:1:1: expected a header line, found an empty file$`),
      );
      expectClean(r.message);
    }
    // Blank lines, and a row of delimiters only (an export of an empty sheet).
    for (const [text, found] of [
      ['\r\n\r\n', 'an empty file'],
      [';;;;\n;;;;\n', 'only empty cells and blank lines'],
    ]) {
      const r = await ingestLists(async (sources) => {
        const c = clean('k1-region-varmland');
        writeFileSync(join(sources, `${c.base}.csv`), text);
        return [{ manifest: c.manifest, columns: c.columns }];
      });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(
          new RegExp(`k1-region-varmland\\.csv:1:1: expected a header line.*, found ${found}$`),
        );
        expectClean(r.message);
      }
    }
  });

  it('an empty workbook: a file of 0 bytes, a sheet without cells, a file that is not a workbook', async () => {
    const zero = await ingestShape(
      'k1-region-varmland',
      shape({ format: 'xlsx', body: 'empty', emptyBytes: true }),
    );
    expect(zero.ok).toBe(false);
    if (!zero.ok) {
      expect(zero.message).toBe(
        `${zero.file}: expected an Excel workbook (.xlsx), found an empty file (0 bytes)`,
      );
      expectClean(zero.message);
    }
    const sheet = await ingestShape('k1-region-varmland', shape({ format: 'xlsx', body: 'empty' }));
    expect(sheet.ok).toBe(false);
    if (!sheet.ok) {
      expect(sheet.message).toBe(`${sheet.file}!Export!A1: expected a header row, found an empty sheet`);
      expectClean(sheet.message);
    }
    const csv = await ingestLists(async (sources) => {
      const c = clean('k1-region-varmland');
      writeFileSync(
        join(sources, `${c.base}.xlsx`),
        'Namn;Webbplats\nThe Paper Province;www.paperprovince.com\n',
      );
      return [{ manifest: { ...c.manifest, fil: `${c.base}.xlsx` }, columns: c.columns }];
    });
    expect(csv.ok).toBe(false);
    if (!csv.ok) {
      expect(csv.message).toMatch(
        /k1-region-varmland\.xlsx: expected an Excel workbook \(\.xlsx\), found a file that is not one/,
      );
      expectClean(csv.message);
    }
  });

  it('a header only (CSV and workbook, bare or with title and notes rows): a warning, no rows', async () => {
    for (const s of [
      shape({ body: 'header-only' }),
      shape({ body: 'header-only', titles: 1, notes: 1, delimiter: ';', eol: 'crlf' }),
      shape({ body: 'header-only', format: 'xlsx' }),
      shape({ body: 'header-only', format: 'xlsx', titles: 2, notes: 2 }),
    ]) {
      const r = await ingestShape('k1-region-varmland', s);
      if (!r.ok) throw new Error(r.message);
      expect(r.candidates).toEqual([]);
      expect(r.rader).toBe(0);
      const at = s.format === 'xlsx' ? `!Export!A${r.written.offset + 1}` : `:${r.written.offset + 1}`;
      expect(r.warnings).toContain(`${r.file}${at}: the list has no rows`);
      for (const w of r.warnings) expectClean(w);
    }
  });

  it('notes only (CSV and workbook): an error at the first note', async () => {
    for (const s of [
      shape({ body: 'notes-only' }),
      shape({ body: 'notes-only', notes: 2, eol: 'crlf' }),
      shape({ body: 'notes-only', format: 'xlsx' }),
    ]) {
      const r = await ingestShape('k1-region-varmland', s);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toBeInstanceOf(InputError);
      const at = s.format === 'xlsx' ? '!Export!A1' : ':1:1';
      expect(r.message).toMatch(
        new RegExp(
          `^${escapeRe(r.file)}${at}: expected a header line with the column names, and the rows of the list, found only notes \\("${NOTES[0]}"`,
        ),
      );
      expectClean(r.message);
    }
  });

  describe('the ingest stage on a copy of 2009', () => {
    let t: TempEdition;
    beforeAll(() => {
      t = tempEdition(2009);
    });
    afterAll(() => t.cleanup());

    it('an empty list stops it with the list’s place (it crashed with a TypeError), and publishes nothing', async () => {
      const before = await runStage(ingest, t.edition);
      t.write('sources/k1-region-halland.csv', '');
      const err = await runStage(ingest, t.edition).catch((e: Error) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(
        /raw\/2009\/sources\/k1-region-halland\.csv:1:1: expected a header line, found an empty file$/,
      );
      expectClean((err as Error).message);
      const { readFileSync } = await import('node:fs');
      const manifest = JSON.parse(readFileSync(join(t.edition.buildDir, 'ingest', 'manifest.json'), 'utf8'));
      expect(manifest.outputs).toEqual(before.outputs);
    });
  });
});

describe('identifiers as a spreadsheet leaves them', () => {
  it('a Swedish national number without its trunk 0 is given it back; what cannot be one is left', () => {
    const cases: [string, string | undefined][] = [
      ['52219932', '052219932'], // 0522-19932, Uddevalla
      ['8123456', '08123456'], // 08-12 34 56, Stockholm
      ['87654321', '087654321'], // 08-765 43 21
      ['31612402', '031612402'], // 031-61 24 02, Göteborg
      ['920491000', '0920491000'], // 0920-49 10 00, Luleå
      ['702399207', '0702399207'], // 070-239 92 07, a mobile
      ['735232760', '0735232760'], // 073
      ['462862010', '0462862010'], // 046-286 20 10, Lund
      ['741234567', undefined], // 074 is no mobile prefix
      ['70239920', undefined], // a mobile has 9 digits after the 0
      ['12345', undefined], // a postcode
      ['2009', undefined], // a year
      ['123456', undefined], // too short for a national number
      ['5565551234', undefined], // an organisation number (10 digits)
      ['46406239748', undefined], // +46 without its +: 11 digits (phoneNumbers reads it)
      ['0522199320', undefined], // has its 0
    ];
    for (const [digits, expected] of cases)
      expect([digits, trunkZeroLost(digits)]).toEqual([digits, expected]);
    expect(phoneNumbers('46406239748')).toEqual(['0406239748']);
  });

  it('a number cell is read in the forms a spreadsheet and its CSV exports write it', () => {
    expect(numberCell('52219932')).toBe('52219932');
    expect(numberCell(' 52219932.0 ')).toBe('52219932');
    expect(numberCell('5.2219932E7')).toBe('52219932');
    expect(numberCell('5.2219932E+7')).toBe('52219932');
    for (const text of ['0522-19932', '+46 522 19932', '522 19932', '52219932.5', '1.5E-3', 'ett', ''])
      expect([text, numberCell(text)]).toEqual([text, undefined]);
    expect(postcodeFromNumber('41296')).toBe('412 96');
    expect(postcodeFromNumber('41296.0')).toBe('412 96');
    for (const text of ['4129', '412960', '01296', '412 96', 'SE-412 96'])
      expect([text, postcodeFromNumber(text)]).toEqual([text, undefined]);
  });

  it('a workbook whose manifest row leaves kodning and avgransare empty (not used for one) reads as the clean list; a CSV needs them', async () => {
    const clean = await baseline('k1-region-varmland');
    const blank = (w: Awaited<ReturnType<typeof writeList>>) => ({
      ...w,
      manifest: { ...w.manifest, kodning: '', avgransare: '' },
    });
    const workbook = await ingestLists(async (sources) => [
      blank(await writeList(sources, cleanList('k1-region-varmland'), { ...CLEAN_SHAPE, format: 'xlsx' })),
    ]);
    if (!workbook.ok) throw new Error(workbook.message);
    expect(content(workbook.candidates)).toEqual(content(clean));
    // In source_lists as auto, a value its schema takes, as for a row that declares auto.
    expect(workbook.lists.map((l) => [l.kodning, l.avgransare])).toEqual([['auto', 'auto']]);
    const text = await ingestLists(async (sources) => [
      blank(await writeList(sources, cleanList('k1-region-varmland'), CLEAN_SHAPE)),
    ]);
    expect(text.ok).toBe(false);
    if (!text.ok) {
      expect(text.message).toMatch(
        /manifest\.csv:2:\d+: expected kodning: utf-8, windows-1252, iso-8859-1, macintosh or auto, found ""$/,
      );
      expectClean(text.message);
    }
  });

  it('phones and postcodes as number cells in a workbook and as floats in a CSV: the clean list’s candidates, the repairs said', async () => {
    const clean = await baseline('k1-region-varmland');
    for (const s of [
      { ...CLEAN_SHAPE, format: 'xlsx', numbers: 'numbers' },
      { ...CLEAN_SHAPE, numbers: 'numbers', delimiter: ';' },
      { ...CLEAN_SHAPE, numbers: 'floats' },
    ] as ListShape[]) {
      const r = await ingestShape('k1-region-varmland', s);
      if (!r.ok) throw new Error(r.message);
      expect(r.written.numbered).toBe(8); // 3 phones, 5 postcodes
      expect(content(r.candidates, false)).toEqual(content(clean, false));
      // The phone as written beside its normalised form, as every normalisation is shown.
      const x = s.numbers === 'floats' ? '.0' : '';
      expect(r.candidates.map((c) => [c.telefon, c.telefon_norm])).toEqual([
        [`54177940${x}`, ['054177940']],
        ['', []],
        [`54120400${x}`, ['054120400']],
        ['', []],
        [`59114067${x}`, ['059114067']],
      ]);
      const at =
        s.format === 'xlsx' ? `${r.file}!Export!F2` : `${r.file}:2:${s.numbers === 'floats' ? 79 : 77}`;
      const where = (line: number) => (s.format === 'xlsx' ? `F${line}` : `line ${line}`);
      expect(r.warnings).toContain(
        `${at}: 3 phone number(s) stored as numbers, without their leading 0, read with it (telefon, kept as written beside the normalised value): ${where(2)} "54177940${x}" → "054177940"; ${where(4)} "54120400${x}" → "054120400"; ${where(6)} "59114067${x}" → "059114067"`,
      );
      const postcodes = r.warnings.filter((w) => /postcode\(s\) stored as numbers/.test(w));
      if (s.numbers === 'floats') {
        expect(postcodes).toHaveLength(1);
        expect(postcodes[0]).toMatch(
          /: 5 postcode\(s\) stored as numbers read as postcodes \(postnummer, .*\): line 2 "65221\.0" → "652 21"; line 3 "65221\.0" → "652 21";/,
        );
      } else expect(postcodes).toEqual([]); // 65221 is read as 652 21 as it is
      expect(r.warnings).toHaveLength(postcodes.length + 1);
    }
  });

  it('digits that cannot be a phone number without its 0 are kept as they were, without a repair', async () => {
    const c = clean('k1-region-varmland');
    const telefon = c.header.indexOf('Telefon');
    const odd = ['12345', '741234567', '5565551234', '0522-19932', '+46 54 17 79 40'];
    const r = await ingestLists(async (sources) => {
      const rows = c.rows.map((row, i) => row.map((v, k) => (k === telefon ? odd[i] : v)));
      writeFileSync(
        join(sources, `${c.base}.csv`),
        [c.header, ...rows].map((row) => row.map((v) => csvField(v, ',')).join(',')).join('\n'),
      );
      return [{ manifest: { ...c.manifest, kodning: 'utf-8', avgransare: ',' }, columns: c.columns }];
    });
    if (!r.ok) throw new Error(r.message);
    expect(r.candidates.map((x) => x.telefon_norm)).toEqual([
      [],
      ['741234567'],
      ['5565551234'],
      ['052219932'],
      ['054177940'],
    ]);
    expect(r.warnings.filter((w) => /stored as numbers/.test(w))).toEqual([]);
  });

  it('a macOS export (NFD): the header "Län" is the mapping’s "Län", every value in NFC — also with kolumner.csv in NFD', async () => {
    const clean = await baseline('k1-lansstyrelser');
    expect(clean.every((x) => x.region !== '')).toBe(true);
    for (const [s, nfdColumns] of [
      [{ ...CLEAN_SHAPE, nfd: true }, false],
      [{ ...CLEAN_SHAPE, nfd: true, encoding: 'utf-8-bom', delimiter: ';', eol: 'crlf' }, true],
      [{ ...CLEAN_SHAPE, nfd: true, format: 'xlsx' }, false],
    ] as [ListShape, boolean][]) {
      const r = await ingestShape('k1-lansstyrelser', s, nfdColumns);
      if (!r.ok) throw new Error(r.message);
      expect(r.written.shape.nfd).toBe(true);
      expect(r.warnings).toEqual([]);
      expect(content(r.candidates)).toEqual(content(clean));
      for (const x of r.candidates) expect(JSON.stringify(x)).toBe(JSON.stringify(x).normalize('NFC'));
    }
  });

  it('a decomposed and a composed header for one column are one name twice: an error', async () => {
    const r = await ingestLists(async (sources) => {
      const c = clean('k1-lansstyrelser');
      writeFileSync(
        join(sources, `${c.base}.csv`),
        `${c.header.join(';')};${'Län'.normalize('NFD')}\n${c.rows[0].join(';')};x\n`,
      );
      return [{ manifest: { ...c.manifest, kodning: 'utf-8' }, columns: c.columns }];
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(
        /k1-lansstyrelser\.csv:1:\d+: expected unique column names, found "Län" twice/,
      );
  });
});

describe('generated shapes (property test, seeded and bounded)', () => {
  const shapeArb: fc.Arbitrary<ListShape & { list: ListName; nfdColumns: boolean }> = fc.record({
    list: fc.constantFrom(...LISTS),
    format: fc.constantFrom('csv', 'csv', 'xlsx'),
    encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'iso-8859-1', 'macintosh'),
    declareEncoding: fc.boolean(),
    delimiter: fc.constantFrom(',', ';', '\t'),
    declareDelimiter: fc.boolean(),
    eol: fc.constantFrom('lf', 'crlf', 'cr'),
    nfd: fc.boolean(),
    nfdColumns: fc.boolean(),
    titles: fc.integer({ min: 0, max: 2 }),
    notes: fc.integer({ min: 0, max: 2 }),
    numbers: fc.constantFrom('text', 'numbers', 'floats'),
    body: fc.constantFrom('rows', 'rows', 'rows', 'rows', 'header-only', 'empty', 'notes-only'),
    emptyBytes: fc.boolean(),
  });

  it('every shape gives the clean list’s candidates, a warning, or a located error; never a crash or an internal message', async () => {
    for (const name of LISTS) await baseline(name);
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(shapeArb, async ({ list, nfdColumns, ...shape }) => {
        const r = await ingestShape(list, shape, nfdColumns);
        const s = r.written.shape;
        const key = `${s.format}/${s.body}/${r.ok ? 'ok' : 'error'}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        if (!r.ok) {
          expect(r.error).toBeInstanceOf(InputError);
          expectClean(r.message);
          // Located: the list's own file, then line:column (a CSV) or sheet!cell (a workbook); a workbook that
          // is no workbook at all is placed at the file.
          expect(r.message).toMatch(
            new RegExp(`^${escapeRe(r.file)}(:\\d+:\\d+|!Export![A-Z]+\\d+)?: expected .+, found .+`),
          );
          // Only what cannot be read may fail.
          expect(['empty', 'notes-only']).toContain(s.body);
          return;
        }
        for (const w of r.warnings) expectClean(w);
        const clean = baselines.get(list) ?? [];
        if (s.body === 'header-only') {
          expect(r.candidates).toEqual([]);
          expect(r.warnings.some((w) => w.endsWith(': the list has no rows'))).toBe(true);
          return;
        }
        expect(s.body).toBe('rows');
        expect(content(r.candidates, s.numbers === 'text')).toEqual(content(clean, s.numbers === 'text'));
        expect(r.candidates.map((c) => c.source_line)).toEqual(
          clean.map((c) => c.source_line + r.written.offset),
        );
        expect(r.rader).toBe(clean.length);
        const shapeWarnings = r.warnings.filter((w) => /title row|notes row/.test(w));
        expect(shapeWarnings).toHaveLength(s.titles || s.notes ? 1 : 0);
      }),
      { seed: 20091231, numRuns: 300 },
    );
    // The run went through the shapes, not only one corner of them.
    for (const key of [
      'csv/rows/ok',
      'xlsx/rows/ok',
      'csv/header-only/ok',
      'xlsx/header-only/ok',
      'csv/empty/error',
      'xlsx/empty/error',
      'csv/notes-only/error',
      'xlsx/notes-only/error',
    ])
      expect([key, (seen.get(key) ?? 0) > 0]).toEqual([key, true]);
  }, 60_000);
});
