import { type Delimiter, detectDelimiter, InputError, inSheet, shown } from '@kk/core';
import { parse } from 'csv-parse/sync';

/** Where the parts of a PxWeb table sit in a CSV download. */
export interface Layout {
  delimiter: Delimiter;
  /** Physical line (1-based) of the header; title lines and blank lines come before it. */
  headerLine: number;
  header: string[];
  region: number;
  industry: number;
  /** A sex dimension (`kön`, `sex`): its categories are summed, or its total kept. */
  sex?: number;
  /** A table-contents dimension (`tabellinnehåll`, `contents`): one measure per file. */
  contents?: number;
  /** Long layout: a year column and a value column. */
  long?: { year: number; value: number };
  /** Wide layout: one column per year, optionally per year and sex (`"män 2008"`). */
  years: { index: number; ar: number; label: string }[];
}

// Headers are compared in NFC (a macOS export decomposes å, ä, ö), trimmed, in lower case.
export const F = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('sv');
const isRegion = (h: string) =>
  /^(region|län|lan|kommun|county|municipality|regionkod|region code)\b/.test(F(h));
const isIndustry = (h: string) => /(näringsgren|naringsgren|\bsni\b|sni ?20|nace|industr|bransch)/.test(F(h));
const isSex = (h: string) => /^(kön|kon|sex)$/.test(F(h));
const isYear = (h: string) => /^(år|ar|year|tid|time|period)$/.test(F(h));
const isContents = (h: string) =>
  /^(tabellinnehåll|tabellinnehall|contents|table contents|observations)$/.test(F(h));
const YEAR_HEADER = /^(?:(.*?)\s+)?((?:19|20)\d{2})(?:\s+(.*))?$/;

/** Sex categories as PxWeb writes them; the total ones are kept when present instead of summing. */
export const SEX_TOTALS = new Set([
  'totalt',
  'total',
  'båda könen',
  'both sexes',
  'män och kvinnor',
  'men and women',
]);
export const SEX_LABELS = new Set([...SEX_TOTALS, 'män', 'kvinnor', 'men', 'women', 'male', 'female']);

function parseLine(line: string, delimiter: Delimiter): string[] | undefined {
  try {
    const rows = parse(line, { delimiter, relax_quotes: true, bom: true }) as string[][];
    return rows[0]?.map((f) => f.trim());
  } catch {
    return undefined;
  }
}

/**
 * Finds the header of a PxWeb CSV download (after title and blank lines) and what each column holds:
 * region, industry, optional sex and contents, then either a year and a value column (long) or one column
 * per year (wide). Headers may be Swedish or English.
 */
export function sniffLayout(head: string, file: string, declared: Delimiter | 'auto'): Layout {
  const lines = head.split('\n').map((l) => l.replace(/\r$/, ''));
  for (let i = 0; i < Math.min(lines.length, 30); i++) {
    if (lines[i].trim() === '') continue;
    const delimiter = declared === 'auto' ? detectDelimiter(lines[i]) : declared;
    const fields = parseLine(lines[i], delimiter);
    if (!fields || fields.length < 3) continue;
    const region = fields.findIndex(isRegion);
    const industry = fields.findIndex(isIndustry);
    if (region < 0 || industry < 0) continue;
    return classify(fields, { file, line: i + 1, delimiter, region, industry, lineText: lines[i] });
  }
  throw new InputError(
    { file, line: 1 },
    'a PxWeb CSV header with a region and an industry column (e.g. "region","näringsgren SNI 2007","2008") in the first 30 lines',
    'none (is this a statistics download, and is the delimiter right?)',
  );
}

function classify(
  header: string[],
  at: {
    file: string;
    line: number;
    delimiter: Delimiter;
    region: number;
    industry: number;
    lineText: string;
  },
): Layout {
  // In a workbook's sheet (workbook.ts) a column is a cell; in a CSV file the character where the field starts.
  const column = (i: number) => (inSheet(at.file) ? i + 1 : at.lineText.indexOf(header[i]) + 1 || undefined);
  const loc = (i: number) => ({ file: at.file, line: at.line, column: column(i) });
  if (/sni ?2002|nace rev\.? ?1/.test(F(header[at.industry]))) {
    throw new InputError(
      loc(at.industry),
      'industries in SNI 2007',
      `${shown(header[at.industry])} (SNI 2002)`,
    );
  }
  const layout: Layout = {
    delimiter: at.delimiter,
    headerLine: at.line,
    header,
    region: at.region,
    industry: at.industry,
    years: [],
  };
  const rest: number[] = [];
  let year: number | undefined;
  header.forEach((h, i) => {
    if (i === at.region || i === at.industry) return;
    if (isSex(h) && layout.sex === undefined) layout.sex = i;
    else if (isContents(h) && layout.contents === undefined) layout.contents = i;
    else if (isYear(h) && year === undefined) year = i;
    else rest.push(i);
  });
  if (year !== undefined) {
    if (rest.length !== 1) {
      throw new InputError(
        loc(rest[1] ?? year),
        'one value column beside region, industry, sex, contents and year (long layout)',
        rest.length ? rest.map((i) => shown(header[i])).join(', ') : 'none',
      );
    }
    layout.long = { year, value: rest[0] };
    return layout;
  }
  for (const i of rest) {
    const m = YEAR_HEADER.exec(header[i].trim());
    if (!m) {
      throw new InputError(
        loc(i),
        'a year column such as "2008" (wide layout) or a column named "år"',
        shown(header[i]),
      );
    }
    layout.years.push({ index: i, ar: Number(m[2]), label: (m[1] ?? m[3] ?? '').trim() });
  }
  if (layout.years.length === 0) {
    throw new InputError(loc(header.length - 1), 'at least one year column', 'only region and industry');
  }
  const labels = [...new Set(layout.years.map((y) => F(y.label)))];
  const sexLabels = labels.every((l) => SEX_LABELS.has(l));
  if (labels.length > 1 && !sexLabels) {
    throw new InputError(
      loc(layout.years[1].index),
      'one measure per file (choose one table content in Statistikdatabasen)',
      labels.map((l) => shown(l)).join(', '),
    );
  }
  const seen = new Set<string>();
  for (const y of layout.years) {
    const key = `${y.ar}\t${F(y.label)}`;
    if (seen.has(key))
      throw new InputError(loc(y.index), 'each year once', `${shown(header[y.index])} again`);
    seen.add(key);
  }
  return layout;
}
