// Lists as delivered: one source list of a new edition replaced by the way real exports arrive — a CSV with a
// title row above its header and a notes row after its data, and an Excel workbook (merged title cell, header on
// row 3, a notes row, written here with exceljs) — gives the same ingest tables as the clean CSV.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Manifest, REPO_ROOT, readCsv, resolveEdition, runStage } from '@kk/core';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newEdition } from '../../packages/cli/src/edition.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';

const LIST = 'k1-region-varmland';
const TITLE = 'Klusterinitiativ i Värmland 2010';
const NOTE = 'Senast uppdaterad 2010-03-01';
let base: string;
let raw: string;

const edition = () => resolveEdition({ year: 2010, raw, build: join(base, 'build') }, {});
const file = (rel: string) => join(raw, '2010', rel);

/** Runs ingest; returns its manifest and the list's candidate rows. */
async function ingestList(fil: string): Promise<{ m: Manifest; rows: Record<string, string>[] }> {
  const m = await runStage(ingest, edition());
  const t = readCsv(join(base, 'build', '2010', 'ingest', 'candidates.csv'), { encoding: 'utf-8' });
  return { m, rows: t.rows.map((r) => r.record).filter((r) => r.source_file === `sources/${fil}`) };
}

/** What must be equal between deliveries: every field but the file's name and the row's place. */
const content = (rows: Record<string, string>[]) =>
  rows.map(({ record_id: _r, source_file: _f, source_line: _l, ...rest }) => rest);

function clean(): { header: string[]; rows: string[][] } {
  const t = readCsv(join(REPO_ROOT, 'raw', '2009', 'sources', `${LIST}.csv`), {
    encoding: 'windows-1252',
    delimiter: ';',
  });
  return { header: t.header, rows: t.rows.map((r) => r.values) };
}

/** Renames the list in manifest.csv and kolumner.csv (the workbook replaces the CSV). */
function rename(to: string, extra = ''): void {
  for (const rel of ['sources/manifest.csv', 'sources/kolumner.csv']) {
    const text = readFileSync(file(rel), 'utf8');
    writeFileSync(file(rel), text.replaceAll(`${LIST}.csv,`, `${to},`));
  }
  if (extra) {
    const m = readFileSync(file('sources/manifest.csv'), 'utf8');
    writeFileSync(
      file('sources/manifest.csv'),
      `${m
        .replace(/\n$/, '')
        .split('\n')
        .map((l, i) => (i === 0 ? `${l},blad` : l.startsWith(`${to},`) ? `${l},${extra}` : `${l},`))
        .join('\n')}\n`,
    );
  }
}

async function workbook(path: string, broken = false): Promise<void> {
  const { header, rows } = clean();
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Info').getCell('A1').value = 'Exporterad från regionens webbplats';
  const ws = wb.addWorksheet('Export');
  ws.getCell('A1').value = TITLE;
  ws.mergeCells(1, 1, 1, header.length);
  ws.getRow(3).values = header;
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r;
  });
  ws.getCell(`A${4 + rows.length + 1}`).value = NOTE;
  if (broken) ws.getCell('B5').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  await wb.xlsx.writeFile(path);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'kk-delivered-'));
  raw = join(base, 'raw');
  newEdition('2010', { raw });
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('lists as delivered', () => {
  it('a CSV with a title row and a notes row, and an .xlsx export, give the clean CSV’s ingest tables', async () => {
    const a = await ingestList(`${LIST}.csv`);
    expect(a.rows).toHaveLength(5);

    // The same list exported with a title row (and empty cells after it) and a notes row: Windows-1252, ;, CRLF.
    const text = readFileSync(file(`sources/${LIST}.csv`)).toString('latin1');
    const cells = ';'.repeat(9);
    writeFileSync(
      file(`sources/${LIST}.csv`),
      Buffer.from(
        `${iconv.encode(`${TITLE}${cells}\r\n${cells}\r\n`, 'win1252').toString('latin1')}${text}${iconv.encode(`${NOTE}\r\n`, 'win1252').toString('latin1')}`,
        'latin1',
      ),
    );
    const b = await ingestList(`${LIST}.csv`);
    expect(content(b.rows)).toEqual(content(a.rows));
    expect(b.rows.map((r) => Number(r.source_line))).toEqual(a.rows.map((r) => Number(r.source_line) + 2));
    const warnB = b.m.warnings.filter((w) => /title row/.test(w.message));
    expect(warnB).toHaveLength(1);
    expect(warnB[0].location).toMatch(new RegExp(`sources/${LIST}\\.csv:3$`));
    expect(warnB[0].message).toMatch(
      /1 title row.*Klusterinitiativ i Värmland 2010.*1 notes row.*Senast uppdaterad/,
    );

    // The workbook: a first sheet of notes, the list on sheet "Export" (declared in the manifest).
    rmSync(file(`sources/${LIST}.csv`));
    await workbook(file(`sources/${LIST}.xlsx`));
    rename(`${LIST}.xlsx`, 'Export');
    const c = await ingestList(`${LIST}.xlsx`);
    expect(content(c.rows)).toEqual(content(a.rows));
    expect(c.rows.map((r) => r.source_line)).toEqual(b.rows.map((r) => r.source_line));
    const warnC = c.m.warnings.filter((w) => /title row/.test(w.message));
    expect(warnC).toHaveLength(1);
    expect(warnC[0].location).toMatch(new RegExp(`sources/${LIST}\\.xlsx!Export!A3$`));
  });

  it('a broken workbook is an error naming the file, the sheet and the cell', async () => {
    rmSync(file(`sources/${LIST}.csv`));
    await workbook(file(`sources/${LIST}.xlsx`), true);
    rename(`${LIST}.xlsx`, 'Export');
    await expect(runStage(ingest, edition())).rejects.toThrow(
      new RegExp(`sources/${LIST}\\.xlsx!Export!B5: expected a value, found the error value #REF!`),
    );
    // A value error in a workbook row is placed at its cell too.
    await workbook(file(`sources/${LIST}.xlsx`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file(`sources/${LIST}.xlsx`));
    const sheet = wb.getWorksheet('Export');
    if (!sheet) throw new Error('no sheet Export');
    sheet.getCell('A6').value = '';
    await wb.xlsx.writeFile(file(`sources/${LIST}.xlsx`));
    await expect(runStage(ingest, edition())).rejects.toThrow(
      new RegExp(
        `sources/${LIST}\\.xlsx!Export!A6: expected the name of the initiative, found an empty cell`,
      ),
    );
  });
});
