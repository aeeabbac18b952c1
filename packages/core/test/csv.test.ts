import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv } from '../src/csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'kk-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(content: string | Uint8Array): string {
  const p = join(dir, `f${n++}.csv`);
  writeFileSync(p, content);
  return p;
}

const SWEDISH = 'namn;ort\nMåltidsriket;Grythyttan\nÖresund IT;Lund\n';
const MAC_ROMAN_LIST = 'namn;län\rVälfärdsteknik;Örebro\r';

describe('readCsv reads what Swedish offices send', () => {
  it('UTF-8 with a BOM, comma separated', () => {
    const t = readCsv(
      file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('namn,ort\nÅre Akademi,Åre\n')])),
    );
    expect(t.bom).toBe(true);
    expect(t.header).toEqual(['namn', 'ort']);
    expect(t.rows[0].record.namn).toBe('Åre Akademi');
  });

  it('Windows-1252, semicolons and CRLF, detected without a declaration (with a warning)', () => {
    const t = readCsv(file(iconv.encode(SWEDISH.replace(/\n/g, '\r\n'), 'win1252')));
    expect(t.encoding).toBe('windows-1252');
    expect(t.delimiter).toBe(';');
    expect(t.crlf).toBe(true);
    expect(t.rows.map((r) => r.record.namn)).toEqual(['Måltidsriket', 'Öresund IT']);
    expect(t.warnings[0].message).toMatch(/not UTF-8: read as windows-1252/);
  });

  it('ISO-8859-1 when declared', () => {
    const t = readCsv(file(iconv.encode(SWEDISH, 'latin1')), { encoding: 'iso-8859-1' });
    expect(t.rows[1].record.namn).toBe('Öresund IT');
    expect(t.warnings).toEqual([]);
  });

  // Excel for Mac's "CSV (Macintosh)": Mac OS Roman, a CR alone at each line end, semicolons. Its ä (0x8A) is Š in
  // Windows-1252: read as that, Västerbotten became VŠsterbotten.
  const MAC = 'namn;län\rMåltidsriket;Örebro\rKrinova;Skåne\rUmeå Biotech Incubator;Västerbotten\r';

  it('Mac OS Roman (Excel for Mac), detected without a declaration (with a warning naming it)', () => {
    const t = readCsv(file(iconv.encode(MAC, 'macintosh')));
    expect(t.encoding).toBe('macintosh');
    expect(t.header).toEqual(['namn', 'län']);
    expect(t.rows.map((r) => r.record.län)).toEqual(['Örebro', 'Skåne', 'Västerbotten']);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(t.warnings[0].message).toMatch(/not UTF-8: read as macintosh/);
  });

  it('Mac OS Roman when declared, and a declared Windows-1252 is read as declared', () => {
    const bytes = iconv.encode(MAC, 'macintosh');
    expect(readCsv(file(bytes), { encoding: 'macintosh' }).rows[2].record.län).toBe('Västerbotten');
    expect(readCsv(file(bytes), { encoding: 'windows-1252' }).rows[2].values[1]).toBe('VŠsterbotten');
  });

  it('Windows-1252 without å, ä or ö but with ü, €, … and ’ (an English list) is not taken for Mac OS Roman', () => {
    const list = 'name;note\r\nBiotech Cluster – Düsseldorf;€ 2 000\r\nEurope’s Health Cluster etc…;Š 5\r\n';
    const t = readCsv(file(iconv.encode(list, 'win1252')));
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows.map((r) => r.values)).toEqual([
      ['Biotech Cluster – Düsseldorf', '€ 2 000'],
      ['Europe’s Health Cluster etc…', 'Š 5'],
    ]);
  });

  it('Windows-1252 with dashes and quotes (bytes 0x80–0x9F) is not taken for Mac OS Roman', () => {
    const t = readCsv(file(iconv.encode('namn;not\r\nÅre – “Akademi”;€ 5\r\n', 'win1252')));
    expect(t.encoding).toBe('windows-1252');
    expect(t.rows[0].values).toEqual(['Åre – “Akademi”', '€ 5']);
  });

  it('tab separated', () => {
    const t = readCsv(file('namn\tort\nIGIS\tLycksele\n'));
    expect(t.delimiter).toBe('\t');
    expect(t.rows[0].values).toEqual(['IGIS', 'Lycksele']);
  });

  it('keeps the physical line of a record that spans lines', () => {
    const t = readCsv(file('id,kontakt\na,"Johan Hedlin\n070-1"\nb,x\n'));
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(t.rows[0].record.kontakt).toBe('Johan Hedlin\n070-1');
  });
});

describe('a CSV saved from Excel with columns it once formatted (`;;` after every line, a line of delimiters)', () => {
  const EXCEL = 'namn;ort;;\r\nMåltidsriket;Grythyttan;;\r\nÖresund IT;Lund;;\r\n;;;\r\n';

  it('reads as the list without them, as a workbook reads (the header’s width)', () => {
    const t = readCsv(file(EXCEL));
    const clean = readCsv(file(SWEDISH));
    expect(t.header).toEqual(clean.header);
    expect(t.rows.map((r) => r.record)).toEqual(clean.rows.map((r) => r.record));
    expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('a value in such a column is an error at its line and column', () => {
    const p = file(EXCEL.replace('Lund;;', 'Lund;;Skåne'));
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      /x\.csv:3:18: expected 2 columns as in the header, found a value beyond them: "Skåne"/,
    );
  });

  it('a header with a nameless column between named ones is still an error', () => {
    const p = file('namn;;ort\nMåltidsriket;;Grythyttan\n');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      'x.csv:1:6: expected a column name, found an empty header cell',
    );
  });
});

describe('readCsv refuses broken files with file:line:column', () => {
  it('an empty file', () => {
    const p = file('');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      'x.csv:1:1: expected a header line, found an empty file',
    );
  });

  it('a NUL byte', () => {
    const p = file(Buffer.from('namn\nab\u0000c\n'));
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(/x\.csv:2:3: expected text, found a NUL byte/);
  });

  it('an unbalanced quote, located where the quote opens', () => {
    const p = file('namn,ort\n"Kista Science City,Stockholm\nCompare,Karlstad\n');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(/x\.csv:2:1: expected a closing quote/);
  });

  it('mixed delimiters: a row separated by semicolons in a comma file', () => {
    const p = file('namn,ort\nCompare,Karlstad\nPUCK;Västervik\n');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      /x\.csv:3:\d+: expected 2 fields separated by ',' as in the header, found 1/,
    );
  });

  it('a stray delimiter: a row with more fields than the header', () => {
    const p = file('namn,ort\nCompare,Karlstad\nPUCK,Västervik,Kalmar län\n');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      /x\.csv:3:16: expected 2 fields separated by ',' as in the header, found 3/,
    );
  });

  it('invalid UTF-8 when UTF-8 is declared', () => {
    const p = file(iconv.encode(SWEDISH, 'win1252'));
    expect(() => readCsv(p, { displayPath: 'x.csv', encoding: 'utf-8' })).toThrow(
      /x\.csv:2:2: expected UTF-8 text, found byte 0xE5/,
    );
  });

  it('invalid UTF-8 where UTF-8 is declared names the encodings to declare, Mac OS Roman among them', () => {
    const p = file(iconv.encode(MAC_ROMAN_LIST, 'macintosh'));
    expect(() => readCsv(p, { displayPath: 'k1.csv', encoding: 'utf-8' })).toThrow(
      /k1\.csv:1:7: expected UTF-8 text, found byte 0x8A \(if the file is .*Mac OS Roman.*declare it: windows-1252, iso-8859-1 or macintosh\)/,
    );
  });

  it('invalid UTF-8 in a file with a CR alone at each line end (a Mac CSV), located on its line', () => {
    const p = file(iconv.encode(SWEDISH.replaceAll('\n', '\r'), 'win1252'));
    expect(() => readCsv(p, { displayPath: 'x.csv', encoding: 'utf-8' })).toThrow(
      /x\.csv:2:2: expected UTF-8 text, found byte 0xE5/,
    );
  });

  it('a duplicate column name', () => {
    const p = file('namn,ort,namn\na,b,c\n');
    expect(() => readCsv(p, { displayPath: 'x.csv' })).toThrow(
      /x\.csv:1:\d+: expected unique column names, found "namn" twice/,
    );
  });

  it('a header only is read as no rows (callers decide whether that is an error)', () => {
    expect(readCsv(file('namn,ort\n')).rows).toEqual([]);
  });
});
