// SCB's real figures (tests/fixtures/employment/scb-am0207k-kon-2008-2009.csv, from ../shared/data/scb/) written
// in the shapes Statistikdatabasen delivers them: several years, "00 Riket" rows, split by sex (with or without a
// total), county totals, Swedish or English headers and labels, CSV in any encoding, delimiter and line end, or an
// .xlsx download with a merged title, labels written once over the rows they head and numbers as numbers. The
// FIGURES are SCB's; only the layout is made here, so every shape must give the same cells.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export interface ScbRow {
  lan_kod: string;
  lan: string;
  naringsgren: string;
  kon: 'män' | 'kvinnor';
  ar: number;
  varde: number;
}

export interface ScbShape {
  years: readonly number[];
  /** wide: one column per year (PxWeb's default); long: a year column and a value column. */
  layout: 'wide' | 'long';
  /** summed: no sex dimension (men and women added before); column: a kön column; header: "män 2008" columns. */
  sex: 'summed' | 'column' | 'header';
  /** With sex: a total category beside men and women (some tables offer one). */
  sexTotal: boolean;
  /** "00 Riket" rows: each industry's national figure. */
  riket: boolean;
  /** A "Totalt" industry row for every region. */
  totals: boolean;
  language: 'sv' | 'en';
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | 'iso-8859-1';
  bom: boolean;
  delimiter: ',' | ';' | '\t';
  crlf: boolean;
  /** Labels decomposed (macOS, Unicode NFD). */
  nfd: boolean;
  /** A title line and a blank line above the header. */
  title: boolean;
  /** Footnote lines after the data. */
  notes: boolean;
}

/** The shipped file's shape: 2008, sexes summed, Swedish, Windows-1252, comma, a title. */
export const SHIPPED: ScbShape = {
  years: [2008],
  layout: 'wide',
  sex: 'summed',
  sexTotal: false,
  riket: false,
  totals: false,
  language: 'sv',
  format: 'csv',
  encoding: 'windows-1252',
  bom: false,
  delimiter: ',',
  crlf: true,
  nfd: false,
  title: true,
  notes: false,
};

export const FIXTURE = join(REPO_ROOT, 'tests/fixtures/employment/scb-am0207k-kon-2008-2009.csv');

export function scbRows(): ScbRow[] {
  const [head, ...lines] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const cols = head.split(',');
  return lines.map((line) => {
    const f = [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
      .map((m) => m[1])
      .slice(0, cols.length)
      .map((v) => (v.startsWith('"') ? v.slice(1, -1).replaceAll('""', '"') : v));
    return {
      lan_kod: f[0],
      lan: f[1],
      naringsgren: f[2],
      kon: f[3] as ScbRow['kon'],
      ar: Number(f[4]),
      varde: Number(f[5]),
    };
  });
}

const EN_INDUSTRY: Record<string, string> = {
  '00': 'unknown activity',
  A: 'agriculture, forestry and fishing',
  'B+C': 'manufacturing and extraction',
  'D+E': 'energy and environmental activities',
  F: 'construction',
  G: 'trade',
  H: 'transport and storage',
  I: 'hotels and restaurants',
  J: 'information and communication',
  K: 'financial and insurance activities',
  L: 'real estate activities',
  'M+N': 'business services',
  O: 'public administration and defence',
  P: 'education',
  Q: 'human health and social work',
  'R+S+T+U': 'cultural and personal services etc.',
};

interface Header {
  region: string;
  industry: string;
  sex: string;
  year: string;
  value: string;
  riket: string;
  total: string;
  sexes: Record<'män' | 'kvinnor' | 'totalt', string>;
  title: string;
  notes: string[];
}

const WORDS: Record<'sv' | 'en', Header> = {
  sv: {
    region: 'region',
    industry: 'näringsgren SNI 2007',
    sex: 'kön',
    year: 'år',
    value: 'Förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning) (RAMS)',
    riket: '00 Riket',
    total: 'Totalt',
    sexes: { män: 'män', kvinnor: 'kvinnor', totalt: 'totalt' },
    title:
      'Förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning) (RAMS) efter region, näringsgren SNI 2007, kön och år',
    notes: ['Fotnot: Uppgifterna avser november respektive år.', 'Källa: SCB, RAMS'],
  },
  en: {
    region: 'region',
    industry: 'industrial classification NACE Rev. 2',
    sex: 'sex',
    year: 'year',
    value: 'Employed persons aged 16+ with place of work in the region (day population) (RAMS)',
    riket: '00 Sweden',
    total: 'Total',
    sexes: { män: 'men', kvinnor: 'women', totalt: 'total' },
    title:
      'Employed persons aged 16+ with place of work in the region (day population) (RAMS) by region, industry, sex and year',
    notes: ['Footnote: the figures refer to November of each year.', 'Source: Statistics Sweden, RAMS'],
  },
};

const code = (label: string) => label.split(' ')[0];

/** The table the shape holds: label cells, then value cells (numbers), one array per line after the header. */
function table(rows: ScbRow[], shape: ScbShape): { header: string[]; body: (string | number)[][] } {
  const w = WORDS[shape.language];
  const industryLabel = (n: string) =>
    shape.language === 'en' ? `${code(n)} ${EN_INDUSTRY[code(n)] ?? n}` : n;
  const regionLabel = (kod: string, lan: string) =>
    kod === '00'
      ? w.riket
      : shape.language === 'en'
        ? `${kod} ${lan.replace(/ län$/, '')} county`
        : `${kod} ${lan}`;
  // Cells: region × industry × sex × year → value.
  const cells = new Map<string, number>();
  const key = (...k: (string | number)[]) => k.join('\t');
  const add = (k: string, v: number) => cells.set(k, (cells.get(k) ?? 0) + v);
  const regions: [string, string][] = [];
  const industries: string[] = [];
  for (const r of rows) {
    if (!shape.years.includes(r.ar)) continue;
    if (!regions.some(([k]) => k === r.lan_kod)) regions.push([r.lan_kod, r.lan]);
    if (!industries.includes(r.naringsgren)) industries.push(r.naringsgren);
    const sexes = shape.sex === 'summed' ? ['alla'] : shape.sexTotal ? [r.kon, 'totalt'] : [r.kon];
    for (const s of sexes) {
      for (const reg of shape.riket ? [r.lan_kod, '00'] : [r.lan_kod]) {
        add(key(reg, r.naringsgren, s, r.ar), r.varde);
        if (shape.totals) add(key(reg, 'total', s, r.ar), r.varde);
      }
    }
  }
  const regionList: [string, string][] = [
    ...(shape.riket ? [['00', 'Riket'] as [string, string]] : []),
    ...regions,
  ];
  const industryList = [...industries, ...(shape.totals ? ['total'] : [])];
  const sexList =
    shape.sex === 'summed' ? ['alla'] : ['män', 'kvinnor', ...(shape.sexTotal ? ['totalt'] : [])];
  const ind = (n: string) => (n === 'total' ? w.total : industryLabel(n));
  const sexWord = (s: string) => w.sexes[s as 'män'];
  const body: (string | number)[][] = [];
  let header: string[];
  if (shape.layout === 'long') {
    header = [w.region, w.industry, ...(shape.sex === 'summed' ? [] : [w.sex]), w.year, w.value];
    for (const y of shape.years)
      for (const [rk, rn] of regionList)
        for (const n of industryList)
          for (const s of sexList) {
            const v = cells.get(key(rk, n, s, y));
            if (v === undefined) continue;
            body.push([regionLabel(rk, rn), ind(n), ...(shape.sex === 'summed' ? [] : [sexWord(s)]), y, v]);
          }
  } else if (shape.sex === 'header') {
    header = [w.region, w.industry, ...shape.years.flatMap((y) => sexList.map((s) => `${sexWord(s)} ${y}`))];
    for (const [rk, rn] of regionList)
      for (const n of industryList)
        body.push([
          regionLabel(rk, rn),
          ind(n),
          ...shape.years.flatMap((y) => sexList.map((s) => cells.get(key(rk, n, s, y)) ?? '..')),
        ]);
  } else {
    header = [w.region, w.industry, ...(shape.sex === 'column' ? [w.sex] : []), ...shape.years.map(String)];
    for (const [rk, rn] of regionList)
      for (const n of industryList)
        for (const s of sexList)
          body.push([
            regionLabel(rk, rn),
            ind(n),
            ...(shape.sex === 'column' ? [sexWord(s)] : []),
            ...shape.years.map((y) => cells.get(key(rk, n, s, y)) ?? '..'),
          ]);
  }
  return { header, body };
}

const nfc = (s: string, shape: ScbShape) => (shape.nfd ? s.normalize('NFD') : s);

/** The file's bytes in the shape. */
export async function scbFile(rows: ScbRow[], shape: ScbShape): Promise<Buffer> {
  const w = WORDS[shape.language];
  const { header, body } = table(rows, shape);
  if (shape.format === 'xlsx') return xlsx(header, body, shape);
  const q = (v: string | number) =>
    typeof v === 'number' ? String(v) : `"${nfc(v, shape).replaceAll('"', '""')}"`;
  const lines = [
    ...(shape.title ? [q(w.title), ''] : []),
    header.map(q).join(shape.delimiter),
    ...body.map((r) => r.map(q).join(shape.delimiter)),
    ...(shape.notes ? ['', ...w.notes.map(q)] : []),
  ];
  const text = lines.join(shape.crlf ? '\r\n' : '\n') + (shape.crlf ? '\r\n' : '\n');
  const bytes = shape.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, shape.encoding);
  return shape.bom && shape.encoding === 'utf-8'
    ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])
    : bytes;
}

/**
 * Statistikdatabasen's XLSX: the title in a cell merged over the table's width, a blank row, the header, and
 * each label written once over the rows it heads (merged down), values as number cells, notes below.
 */
async function xlsx(header: string[], body: (string | number)[][], shape: ScbShape): Promise<Buffer> {
  const w = WORDS[shape.language];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tabell');
  const width = header.length;
  let r = 1;
  if (shape.title) {
    ws.getCell(r, 1).value = nfc(w.title, shape);
    ws.mergeCells(r, 1, r, width);
    r += 2;
  }
  header.forEach((h, i) => {
    ws.getCell(r, i + 1).value = nfc(h, shape);
  });
  r++;
  const labels = body[0]?.findIndex((v) => typeof v === 'number') ?? 0;
  const runStart: number[] = [];
  body.forEach((row, k) => {
    row.forEach((v, i) => {
      const prev = body[k - 1];
      const repeated = i < labels && prev !== undefined && row.slice(0, i + 1).every((x, j) => x === prev[j]);
      if (repeated) return;
      // A run of equal labels in this column has ended: merge it down.
      if (i < labels && runStart[i] !== undefined && r - 1 > runStart[i])
        ws.mergeCells(runStart[i], i + 1, r - 1, i + 1);
      if (i < labels) runStart[i] = r;
      ws.getCell(r, i + 1).value = typeof v === 'number' ? v : nfc(v, shape);
    });
    r++;
  });
  for (let i = 0; i < labels; i++)
    if (runStart[i] !== undefined && r - 1 > runStart[i]) ws.mergeCells(runStart[i], i + 1, r - 1, i + 1);
  if (shape.notes) {
    r++;
    for (const n of w.notes) ws.getCell(r++, 1).value = nfc(n, shape);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The statistik.csv row for a file in the shape (the 2008 national total as the control). */
export function manifestRow(fil: string, shape: ScbShape): string {
  const kodning = shape.format === 'xlsx' ? 'auto' : shape.encoding;
  const avgransare =
    shape.format === 'xlsx' ? 'auto' : { ',': 'komma', ';': 'semikolon', '\t': 'tabb' }[shape.delimiter];
  return [
    fil,
    kodning,
    avgransare,
    'forvarvsarbetande_dagbefolkning',
    'AM0207K',
    '"SCB, registerbaserad arbetsmarknadsstatistik (RAMS), tabell AM0207K: förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning)"',
    '2008',
    '4406789',
    '"Testfil: SCB:s tal, utlagda som Statistikdatabasen levererar dem (tests/synthetic/scb-shapes.ts)."',
  ].join(',');
}
