// Builds raw/2009/employment/scb-am0207k-2008.csv: SCB RAMS day population 2008 by county × RAMS industry group,
// in the layout of a PxWeb CSV download from SCB's Statistikdatabasen (table AM0207K, DagSNI07KonK).
//
// Source: ../shared/data/scb/rams-dagbefolkning-lan-sni2007-kon-2008-2016.csv (SCB via christianlindell/skaparapport,
// see ../shared/data/README.md). Men and women are summed for 2008; SCB's labels are kept as they are.
//
// Usage: npm run make-employment -w @kk/raw-tools [-- --source <csv> --out <csv>]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

const root = resolve(import.meta.dirname, '../../..');

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
};

const sourcePath = arg(
  '--source',
  resolve(root, '../shared/data/scb/rams-dagbefolkning-lan-sni2007-kon-2008-2016.csv'),
);
const outPath = arg('--out', resolve(root, 'raw/2009/employment/scb-am0207k-2008.csv'));

const YEAR = '2008';
const EXPECTED_TOTAL = 4_406_789; // SCB's total for 2008, ../shared/data/README.md
const TITLE =
  'Förvärvsarbetande 16+ år med arbetsplats i regionen (dagbefolkning) (RAMS) efter region, näringsgren SNI 2007 och år';

interface SourceRow {
  lan_kod: string;
  lan: string;
  naringsgren_sni_2007: string;
  kon: string;
  ar: string;
  tabellinnehall: string;
  values: string;
}

const rows = parse(readFileSync(sourcePath, 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as SourceRow[];

// Regions and industry groups in SCB's order (counties by code; industries in the order SCB lists them).
const regions = new Map<string, string>();
const industries: string[] = [];
const cells = new Map<string, { value: number; sexes: Set<string> }>();

for (const row of rows) {
  if (row.ar !== YEAR) continue;
  if (!/^\d{2}$/.test(row.lan_kod)) throw new Error(`unexpected county code ${JSON.stringify(row.lan_kod)}`);
  if (row.kon !== 'män' && row.kon !== 'kvinnor')
    throw new Error(`unexpected sex ${JSON.stringify(row.kon)}`);
  if (!/^\d+$/.test(row.values)) throw new Error(`non-numeric value ${JSON.stringify(row.values)}`);
  const region = `${row.lan_kod} ${row.lan}`;
  const known = regions.get(row.lan_kod);
  if (known !== undefined && known !== region) throw new Error(`county ${row.lan_kod} has two names`);
  regions.set(row.lan_kod, region);
  if (!industries.includes(row.naringsgren_sni_2007)) industries.push(row.naringsgren_sni_2007);
  const key = `${row.lan_kod}\t${row.naringsgren_sni_2007}`;
  const cell = cells.get(key) ?? { value: 0, sexes: new Set<string>() };
  if (cell.sexes.has(row.kon)) throw new Error(`duplicate row for ${key} ${row.kon}`);
  cell.sexes.add(row.kon);
  cell.value += Number(row.values);
  cells.set(key, cell);
}

const regionCodes = [...regions.keys()].sort();
if (regionCodes.length !== 21) throw new Error(`expected 21 counties, got ${regionCodes.length}`);
if (industries.length !== 16) throw new Error(`expected 16 RAMS groups, got ${industries.length}`);

const quote = (s: string): string => `"${s.replaceAll('"', '""')}"`;
const lines: string[] = [quote(TITLE), '', ['region', 'näringsgren SNI 2007', YEAR].map(quote).join(',')];
let total = 0;
for (const code of regionCodes) {
  for (const industry of industries) {
    const cell = cells.get(`${code}\t${industry}`);
    if (cell?.sexes.size !== 2) throw new Error(`missing men or women for ${code} ${industry}`);
    total += cell.value;
    lines.push(`${quote(regions.get(code) ?? code)},${quote(industry)},${cell.value}`);
  }
}

console.log(
  `cells: ${regionCodes.length * industries.length} (${regionCodes.length} län × ${industries.length} RAMS groups)`,
);
console.log(`sum of all cells, ${YEAR}: ${total} (SCB: ${EXPECTED_TOTAL})`);
if (total !== EXPECTED_TOTAL) {
  console.error('check failed: the total does not match SCB');
  process.exit(1);
}

const text = `${lines.join('\r\n')}\r\n`;
const bytes = iconv.encode(text, 'win1252');
if (iconv.decode(bytes, 'win1252') !== text) throw new Error('text is not representable in Windows-1252');
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, bytes);
console.log(`wrote ${outPath} (${lines.length} lines, Windows-1252, CRLF)`);
