import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Duck,
  type Encoding,
  InputError,
  type Location,
  lit,
  loadRows,
  shown,
  type Warning,
  warningAt,
} from '@kk/core';
import type { Reference } from '../reference.ts';
import { querySql, runSql, sqlText } from '../sql.ts';
import { type Body, findBody } from './body.ts';
import { copyAsUtf8, detectEncoding, readHead } from './decode.ts';
import { type IndustryCode, type IndustryLevel, parseIndustry, parseRegion, settleLevel } from './labels.ts';
import { F, type Layout, SEX_LABELS, SEX_TOTALS, sniffLayout } from './layout.ts';
import { locateRow } from './locate.ts';
import type { StatFileSpec } from './manifest.ts';
import { checkMeasureNamed } from './measure.ts';
import { MISSING, recordMissingCells } from './missing.ts';

export interface FileRead {
  fil: string;
  encoding: Encoding;
  layout: 'wide' | 'long';
  delimiter: string;
  level: IndustryLevel | null;
  years: number[];
  rows: number;
  /** Values the file does not give (suppressed or empty), each in missing_cells with its place. */
  missing: number;
  warnings: Warning[];
}

const col = (i: number) => `c${i}`;

/** What the reader knows about the file while reading it; used to point errors at lines. */
interface Source {
  spec: StatFileSpec;
  encoding: Encoding;
  layout: Layout;
  body: Body;
  mixedLineEnds: boolean;
  /** A single-byte file that reads the same as ISO-8859-1 (no byte in 0x80–0x9F): DuckDB reads it as it is. */
  latin1: boolean;
}

async function lineOf(src: Source, test: (f: string[]) => boolean): Promise<Location> {
  const hit = await locateRow(src.spec.path, src.encoding, src.layout, src.body.start, test);
  return { file: src.spec.file, line: hit?.line };
}

const same = (a: string | undefined, b: string | null | undefined) => (a ?? '').trim() === (b ?? '').trim();

/** The name of file `n`'s cells (a view, or a table when sexes are summed); statistics_long unites them. */
export const cellsName = (n: number) => `stat_cells_${n}`;

/**
 * Reads one PxWeb CSV download (file `n` of the manifest) into DuckDB: the encoding is settled by streaming,
 * the header sniffed from the first lines, the data lines parsed by DuckDB with typed value columns (from a
 * UTF-8 copy when the file is not UTF-8), and the few distinct region and industry labels resolved here, so
 * that millions of cells never pass through JavaScript. Leaves the view `stat_cells_<n>`; statistics_long is
 * (re)defined over files 0…n.
 */
export async function readStatisticsFile(
  duck: Duck,
  spec: StatFileSpec,
  ref: Reference,
  tmpDir: string,
  n = 0,
): Promise<FileRead> {
  const warnings: Warning[] = [];
  const { encoding, mixedLineEnds, latin1 } = detectEncoding(spec.path, spec.file, spec.encoding);
  if (mixedLineEnds) {
    warnings.push(
      warningAt({ file: spec.file }, 'mixed line ends (CRLF and LF): read with each line end as one'),
    );
  }
  if (spec.encoding === 'auto' && encoding !== 'utf-8') {
    warnings.push(
      warningAt({ file: spec.file }, `not UTF-8: read as ${encoding} (declare kodning to silence this)`),
    );
  }
  const head = readHead(spec.path, spec.file, encoding);
  const layout = sniffLayout(head, spec.file, spec.delimiter);
  // The title lines above the header say what SCB counted (… med arbetsplats i regionen (dagbefolkning)).
  head
    .split('\n')
    .slice(0, layout.headerLine - 1)
    .forEach((title, i) => {
      checkMeasureNamed(title, spec.matt, { file: spec.file, line: i + 1, column: 1 }, 'a title');
    });
  const body = findBody(spec.path, layout, encoding);
  if (body.trailer.length) {
    warnings.push(
      warningAt({ file: spec.file }, `footnote lines after the data, not read: ${body.trailer.join(' | ')}`),
    );
  }
  const src: Source = { spec, encoding, layout, body, mixedLineEnds, latin1 };
  await readLines(duck, src, tmpDir);

  await checkContents(duck, src);
  const level = await loadIndustryMap(duck, src, ref, tmpDir);
  await loadRegionMap(duck, src, ref, tmpDir);
  const sexes = await loadSexMap(duck, src, tmpDir, warnings);
  await checkDuplicates(duck, src);
  const keyed = `stat_keyed_${n}`;
  const fil = lit(spec.fil);
  await runSql(duck, '21_keyed.sql', {
    keyed,
    fil,
    region: col(layout.region),
    industry: col(layout.industry),
  });
  const missing = await recordMissingCells(
    duck,
    // The same text, decoded the cheaper way when the two encodings agree.
    { ...spec, encoding: latin1 ? 'iso-8859-1' : encoding, layout, bodyStart: body.start, bodyEnd: body.end },
    keyed,
  );
  const name = cellsName(n);
  await runSql(duck, sexes ? '22_cells_sum_sex.sql' : '22_cells.sql', {
    name,
    fil,
    cells: cellsSql(layout, keyed, sexes),
  });
  await checkNegative(duck, src, name);
  if (n > 0) await checkOverlap(duck, src, n, ref);
  readSources.set(spec.fil, src);
  await runSql(duck, '26_statistics_long.sql', { union: fileCells(n + 1) });
  await sumKommuner(duck, { layout, keyed, fil, n, sexes });
  const years = (await querySql<{ ar: number }>(duck, '27_years.sql', { name })).map((r) => Number(r.ar));
  const rows = await duck.count(name);
  if (rows === 0) {
    warnings.push(
      warningAt({ file: spec.file, line: layout.headerLine }, 'a header and no figures under it'),
    );
  }
  return {
    fil: spec.fil,
    encoding,
    layout: layout.long ? 'long' : 'wide',
    delimiter: layout.delimiter,
    level,
    years,
    rows,
    missing,
    warnings,
  };
}

/**
 * Parses the data lines into `stat_src` (in line order), labels as text, values as whole numbers with
 * PxWeb's symbols as NULL, years as integers. DuckDB's errors (a field too many, "12a" for a count) are
 * turned into errors at the file's line.
 */
async function readLines(duck: Duck, src: Source, tmpDir: string): Promise<void> {
  const { spec, layout, body, encoding } = src;
  // DuckDB reads UTF-8 and ISO-8859-1 (which a Windows-1252 file without ” – € is too); a converted copy also
  // drops title, header and footnotes.
  const copy = (encoding !== 'utf-8' && !src.latin1) || body.trailer.length > 0 || src.mixedLineEnds;
  const input = copy ? join(tmpDir, `${spec.fil}.utf8.csv`) : spec.path;
  if (copy) copyAsUtf8(spec.path, body.start, body.end, encoding, input, src.mixedLineEnds);
  const values = new Set(layout.long ? [layout.long.value] : layout.years.map((y) => y.index));
  const type = (i: number) => (values.has(i) ? 'BIGINT' : i === layout.long?.year ? 'INTEGER' : 'VARCHAR');
  const columns = layout.header.map((_, i) => `'${col(i)}': '${type(i)}'`).join(', ');
  const delim = layout.delimiter === '\t' ? '\\t' : layout.delimiter;
  try {
    await runSql(duck, '12_read_lines.sql', {
      input: lit(input),
      skip: String(copy ? 0 : layout.headerLine),
      encoding: lit(copy || encoding === 'utf-8' ? 'utf-8' : 'latin-1'),
      delim: lit(delim),
      columns: `{${columns}}`,
      nullstr: MISSING.map((m) => lit(m)).join(', '),
    });
  } catch (err) {
    throw csvError(err, spec.file, copy ? layout.headerLine : 0, layout);
  } finally {
    if (copy) rmSync(input, { force: true });
  }
}

/** Turns a DuckDB CSV error ("CSV Error on Line: 8 … Expected Number of Columns: 3 Found: 4") into a located one. */
function csvError(err: unknown, file: string, lineOffset: number, layout: Layout): Error {
  const msg = err instanceof Error ? err.message : String(err);
  const line = /Line: (\d+)/.exec(msg);
  if (!line) {
    // DuckDB's own words (and its temporary copy's path) mean nothing to the user: say what the reader needs.
    return new InputError(
      { file, line: lineOffset || undefined },
      'CSV as Statistikdatabasen writes it (one record per line, fields separated by one delimiter, quotes around whole fields)',
      'lines the CSV reader cannot split into fields (a stray quote or a binary file?)',
    );
  }
  const loc = { file, line: Number(line[1]) + lineOffset };
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (cols) {
    return new InputError(
      loc,
      `${cols[1]} fields as in the header`,
      `${cols[2]} (a stray delimiter, a missing quote, or mixed delimiters?)`,
    );
  }
  const conv = /converting column "c(\d+)"\. Could not convert string "(.*)" to '(\w+)'/.exec(msg);
  if (conv) {
    const column = Number(conv[1]);
    const what =
      column === layout.long?.year
        ? 'a year such as 2008'
        : `a whole number of persons, or a suppression symbol (${MISSING.filter(Boolean).join(' ')}) for a missing value`;
    return new InputError(
      { ...loc, column: undefined },
      `${what} in column ${shown(layout.header[column])}`,
      shown(conv[2]),
    );
  }
  return new InputError(loc, 'well-formed CSV', msg.split('\n')[0].replace(/^[\w ]*Error: /, ''));
}

const sexInHeader = (layout: Layout) => !layout.long && layout.years.every((y) => SEX_LABELS.has(F(y.label)));

/**
 * SQL for the cells of a keyed table, one row per value with its codes, year, [kon] and value, whatever the
 * layout: wide files are unfolded one year column at a time.
 */
function cellsSql(layout: Layout, keyed: string, sexes: boolean): string {
  const part = (ar: string, kon: string, varde: string) =>
    sqlText('22_cells_select.sql', { keyed, ar, kon, varde });
  if (layout.long) {
    const kon = sexes ? `, ${col(layout.sex ?? -1)} AS kon` : '';
    return part(col(layout.long.year), kon, col(layout.long.value));
  }
  return layout.years
    .map((y) => {
      const kon = !sexes
        ? ''
        : layout.sex !== undefined
          ? `, ${col(layout.sex)} AS kon`
          : `, ${lit(y.label)} AS kon`;
      return part(String(y.ar), kon, col(y.index));
    })
    .join(' UNION ALL ');
}

async function checkContents(duck: Duck, src: Source): Promise<void> {
  if (src.layout.contents === undefined) return;
  const c = col(src.layout.contents);
  const values = (await querySql<{ v: string }>(duck, '13_distinct_values.sql', { column: c })).slice(0, 3);
  if (values.length > 1) {
    const at = await lineOf(src, (f) => same(f[src.layout.contents ?? 0], values[1].v));
    throw new InputError(
      at,
      'one measure per file (choose one table content in Statistikdatabasen)',
      values.map((v) => shown(v.v)).join(', '),
    );
  }
}

async function distinctLabels(duck: Duck, column: number): Promise<(string | null)[]> {
  const rows = await querySql<{ v: string | null }>(duck, '13_distinct_values.sql', { column: col(column) });
  return rows.map((x) => x.v);
}

async function loadRegionMap(duck: Duck, src: Source, ref: Reference, tmpDir: string): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  for (const label of await distinctLabels(duck, src.layout.region)) {
    const parsed = label === null ? { problem: 'an empty cell' } : parseRegion(label, ref);
    if ('problem' in parsed) {
      const at = await lineOf(src, (f) => same(f[src.layout.region], label));
      throw new InputError(
        { ...at, column: src.layout.region + 1 },
        'a region such as "01 Stockholms län", "0180 Stockholm" or "00 Riket"',
        `${shown(label ?? '')}: ${parsed.problem}`,
      );
    }
    rows.push({ label, ...parsed });
  }
  await loadRows(
    duck,
    'region_map',
    { label: 'VARCHAR', region_kod: 'VARCHAR', region_niva: 'VARCHAR', lan_kod: 'VARCHAR' },
    rows,
    join(tmpDir, 'region_map.ndjson'),
  );
}

async function loadIndustryMap(
  duck: Duck,
  src: Source,
  ref: Reference,
  tmpDir: string,
): Promise<IndustryLevel | null> {
  const parsed: { label: string; code: IndustryCode }[] = [];
  const industryAt = async (label: string | null) => ({
    ...(await lineOf(src, (f) => same(f[src.layout.industry], label))),
    column: src.layout.industry + 1,
  });
  for (const label of await distinctLabels(duck, src.layout.industry)) {
    const code = label === null ? { problem: 'an empty cell' } : parseIndustry(label, ref);
    if ('problem' in code) {
      throw new InputError(
        await industryAt(label),
        'an industry with its SNI 2007 or RAMS code, e.g. "J information och kommunikation" or "62010 …"',
        `${shown(label ?? '')}: ${code.problem}`,
      );
    }
    parsed.push({ label: label as string, code });
  }
  const settled = settleLevel(parsed.map((p) => p.code));
  if ('problem' in settled) {
    const odd =
      parsed.find((p) => p.code.niva !== 'total' && p.code.niva !== parsed[0].code.niva) ?? parsed[0];
    throw new InputError(await industryAt(odd.label), 'one industry level per file', settled.problem);
  }
  const level = settled.level;
  const rows = parsed.map(({ label, code }) => {
    const niva = code.niva === 'total' ? 'total' : (level ?? code.niva);
    return {
      label,
      naringsgren_niva: niva,
      naringsgren_kod: code.kod,
      // Single letters in a RAMS file are RAMS groups; "00 okänd" takes the file's level.
      rams_grupp: niva === 'rams' && code.letter ? code.kod : code.rams_grupp,
      sni_avdelning: code.sni_avdelning,
      sni_huvudgrupp: code.sni_huvudgrupp,
    };
  });
  await loadRows(
    duck,
    'industry_map',
    {
      label: 'VARCHAR',
      naringsgren_niva: 'VARCHAR',
      naringsgren_kod: 'VARCHAR',
      rams_grupp: 'VARCHAR',
      sni_avdelning: 'VARCHAR',
      sni_huvudgrupp: 'VARCHAR',
    },
    rows,
    join(tmpDir, 'industry_map.ndjson'),
  );
  return level;
}

/** The same region × industry (× year × sex) twice in one file would be doubled downstream. */
async function checkDuplicates(duck: Duck, src: Source): Promise<void> {
  const { layout } = src;
  const keys = [layout.region, layout.industry, layout.sex, layout.long?.year].filter((k) => k !== undefined);
  const dup = await querySql<Record<string, string | number>>(duck, '20_duplicate_label.sql', {
    keys: keys.map((k) => col(k)).join(', '),
  });
  if (!dup[0]) return;
  const value = (k: number) => String(dup[0][col(k)] ?? '');
  let seen = 0;
  const second = await lineOf(src, (f) => keys.every((k) => same(f[k], value(k))) && ++seen === 2);
  throw new InputError(
    second,
    'each region × industry × year once in a file',
    `${keys.map((k) => shown(value(k))).join(', ')} a second time`,
  );
}

async function checkNegative(duck: Duck, src: Source, name: string): Promise<void> {
  const bad = await querySql<{ varde: unknown }>(duck, '23_negative.sql', { name, fil: lit(src.spec.fil) });
  if (!bad[0]) return;
  const { layout } = src;
  const v = String(bad[0].varde);
  const valueColumns = layout.long ? [layout.long.value] : layout.years.map((y) => y.index);
  const at = await lineOf(src, (f) => valueColumns.some((c) => (f[c] ?? '').trim() === v));
  throw new InputError(at, 'a count of persons (zero or more)', shown(v));
}

/** The cells of the first `n` files read, one relation (each file's in order: UNION ALL keeps it). */
const fileCells = (n: number, name = cellsName) =>
  Array.from({ length: n }, (_, i) => sqlText('26_file_cells.sql', { name: name(i) })).join(' UNION ALL ');

const kommunSumsName = (n: number) => `stat_kommun_sums_${n}`;

/**
 * File `n`'s kommun rows summed per county, and the source kommun_sums over files 0…n (lan_cells' kommun
 * rows, one row per year × level × code × county). A wide file is summed from its keyed table, a line per row and the years side by side, where grouping
 * the unfolded cells would hash every value (most of lan_cells' time on a kommun × SNI file); other shapes from
 * their cells.
 */
async function sumKommuner(
  duck: Duck,
  file: { layout: Layout; keyed: string; fil: string; n: number; sexes: boolean },
): Promise<void> {
  const { layout, keyed, fil, n, sexes } = file;
  const name = kommunSumsName(n);
  if (layout.long || sexes) {
    await runSql(duck, '28_kommun_sums.sql', { name, fil, cells: cellsName(n) });
  } else {
    await runSql(duck, '28_kommun_sums_wide.sql', {
      name,
      fil,
      keyed,
      // The year columns in the header's order, and their years in the same order.
      values: layout.years.map((y) => lit(col(y.index))).join(', '),
      years: layout.years.map((y) => String(y.ar)).join(', '),
    });
  }
  // One file's sums are the source as they are; grouping them again would hash every row for nothing.
  if (n === 0) await runSql(duck, '29_kommun_sums.sql', { name });
  else await runSql(duck, '29_kommun_sums_files.sql', { union: fileCells(n + 1, kommunSumsName) });
}

/** The files read so far (by fil), so that an overlap can point at the line in each. */
const readSources = new Map<string, Source>();

async function checkOverlap(duck: Duck, src: Source, n: number, ref: Reference): Promise<void> {
  const earlier = fileCells(n);
  const hit = await querySql<{ region_kod: string; naringsgren_kod: string; ar: number; annan_fil: string }>(
    duck,
    '24_overlap.sql',
    { name: cellsName(n), earlier, fil: lit(src.spec.fil) },
  );
  if (!hit[0]) return;
  const h = hit[0];
  // The line giving the cell in each file: its labels parse to the cell's codes (and year, in a long file).
  const lineIn = async (s: Source) => {
    const { layout } = s;
    return (
      await lineOf(s, (f) => {
        const r = parseRegion(f[layout.region] ?? '', ref);
        const i = parseIndustry(f[layout.industry] ?? '', ref);
        const year = layout.long ? Number(f[layout.long.year]) === Number(h.ar) : true;
        return (
          year &&
          'region_kod' in r &&
          r.region_kod === h.region_kod &&
          'kod' in i &&
          i.kod === h.naringsgren_kod
        );
      })
    ).line;
  };
  const other = readSources.get(h.annan_fil);
  const otherLine = other ? await lineIn(other) : undefined;
  throw new InputError(
    { file: src.spec.file, line: await lineIn(src) },
    'statistics not given by another file too',
    `region ${h.region_kod}, industry ${shown(h.naringsgren_kod)}, ${h.ar}, also in ${
      other ? `${other.spec.file}${otherLine ? `:${otherLine}` : ''}` : h.annan_fil
    }`,
  );
}

/**
 * Sex categories, from a `kön` column or the year headers: keep the total category when the file has one,
 * else every category (summed). Returns false when the file has no sex dimension.
 */
async function loadSexMap(duck: Duck, src: Source, tmpDir: string, warnings: Warning[]): Promise<boolean> {
  const { layout } = src;
  if (layout.sex !== undefined && sexInHeader(layout)) {
    throw new InputError(
      { file: src.spec.file, line: layout.headerLine },
      'sex either as a column or in the year headers',
      'both',
    );
  }
  let labels: (string | null)[];
  if (layout.sex !== undefined) labels = await distinctLabels(duck, layout.sex);
  else if (sexInHeader(layout)) labels = [...new Set(layout.years.map((y) => y.label))];
  else return false;
  const folded = labels.map((l) => F(l ?? ''));
  const unknown = labels.findIndex((_, i) => !SEX_LABELS.has(folded[i]));
  if (unknown >= 0) {
    const at = await lineOf(src, (f) => same(f[layout.sex ?? -1], labels[unknown]));
    throw new InputError(
      at,
      'a sex category (män, kvinnor, totalt; men, women, total)',
      shown(labels[unknown] ?? ''),
    );
  }
  const hasTotal = folded.some((l) => SEX_TOTALS.has(l));
  const shownLabels = labels.map((l) => shown(l ?? '')).join(', ');
  warnings.push(
    warningAt(
      { file: src.spec.file, line: layout.headerLine },
      hasTotal
        ? `split by sex (${shownLabels}): the total category is read, the others left out`
        : `split by sex (${shownLabels}): the categories are summed to both sexes (a sum is missing where a part is)`,
    ),
  );
  await loadRows(
    duck,
    'sex_map',
    { label: 'VARCHAR', keep: 'BOOLEAN' },
    labels.map((l, i) => ({ label: l, keep: hasTotal ? SEX_TOTALS.has(folded[i]) : true })),
    join(tmpDir, 'sex_map.ndjson'),
  );
  return true;
}
