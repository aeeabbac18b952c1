import { InputError } from '@kk/core';
import { describe, expect, it } from 'vitest';
import { brief, readFixture } from './helpers.ts';

describe('statistics reader: PxWeb CSV variants (synthetic fixtures)', () => {
  it('wide RAMS file in Windows-1252, comma, CRLF, title line: riket and län rows, two years', async () => {
    const { read, long } = await readFixture('synthetic-wide-rams-win1252.csv');
    expect(read).toMatchObject({ encoding: 'windows-1252', layout: 'wide', delimiter: ',', level: 'rams' });
    expect(read.years).toEqual([2007, 2008]);
    expect(read.rows).toBe(30);
    // The en dash in the title is byte 0x96: Windows-1252, not ISO-8859-1 — the file is auto-detected and warned.
    expect(read.warnings.map((w) => w.message).join()).toMatch(/read as windows-1252/);
    const r = long.find((x) => x.region_kod === '17' && x.naringsgren_kod === 'B+C' && x.ar === 2008);
    expect(r).toMatchObject({
      region_niva: 'lan',
      lan_kod: '17',
      rams_grupp: 'B+C',
      sni_avdelning: null,
      varde: 200,
    });
    expect(
      long.find((x) => x.region_kod === '00' && x.naringsgren_kod === '00' && x.ar === 2008),
    ).toMatchObject({
      region_niva: 'riket',
      lan_kod: null,
      rams_grupp: '00',
      varde: 10,
    });
    // "J" next to B+C is the RAMS group J, which is also SNI section J.
    expect(long.find((x) => x.naringsgren_kod === 'J')).toMatchObject({
      naringsgren_niva: 'rams',
      sni_avdelning: 'J',
    });
  });

  it('declared Windows-1252 reads the same without a warning', async () => {
    const { read, long } = await readFixture('synthetic-wide-rams-win1252.csv', {
      encoding: 'windows-1252',
      delimiter: ',',
    });
    expect(read.warnings).toEqual([]);
    expect(long).toHaveLength(30);
  });

  it('UTF-8 with BOM, semicolon: ".." and "-" are missing, never zero', async () => {
    const { read, long } = await readFixture('synthetic-wide-utf8-bom-semicolon.csv');
    expect(read).toMatchObject({ encoding: 'utf-8', delimiter: ';', layout: 'wide' });
    expect(brief(long)).toEqual(['01 J 2008=120', '01 K 2008=missing', '03 J 2008=missing', '03 K 2008=45']);
    expect(long.some((r) => r.varde === 0)).toBe(false);
  });

  it('long layout (år column), ISO-8859-1, tab, CRLF', async () => {
    const { read, long } = await readFixture('synthetic-long-iso88591-tab.csv', { encoding: 'iso-8859-1' });
    expect(read).toMatchObject({
      encoding: 'iso-8859-1',
      delimiter: '\t',
      layout: 'long',
      years: [2007, 2008],
    });
    expect(brief(long)).toEqual(['01 J 2007=110', '17 J 2007=9', '01 J 2008=120', '17 J 2008=10']);
    // Only J: a letter that is both a RAMS group and a section is read as the section.
    expect(long[0]).toMatchObject({ naringsgren_niva: 'avdelning', rams_grupp: 'J', sni_avdelning: 'J' });
  });

  it('English labels, UTF-8 without BOM: only the codes are read', async () => {
    const { read, long } = await readFixture('synthetic-english-utf8.csv');
    expect(read).toMatchObject({ encoding: 'utf-8', level: 'rams' });
    expect(read.warnings).toEqual([]);
    expect(brief(long)).toEqual(['00 B+C 2008=500', '01 B+C 2008=50', '01 J 2008=120', '01 R+S+T+U 2008=30']);
    expect(long[0].region_niva).toBe('riket');
  });

  it('kommun × five-digit SNI: placed in the SNI 2007 hierarchy and in the kommun’s län', async () => {
    const { read, long } = await readFixture('synthetic-kommun-sni5.csv');
    expect(read.level).toBe('detaljgrupp');
    const karlskrona = long.find((r) => r.region_kod === '1080' && r.naringsgren_kod === '62010');
    expect(karlskrona).toMatchObject({
      region_niva: 'kommun',
      lan_kod: '10',
      naringsgren_niva: 'detaljgrupp',
      sni_huvudgrupp: '62',
      sni_avdelning: 'J',
      rams_grupp: 'J',
      varde: 300,
    });
    expect(long.find((r) => r.region_kod === '1081' && r.naringsgren_kod === '26110')).toMatchObject({
      rams_grupp: 'B+C',
      varde: null,
    });
  });

  it('SNI sections map to their RAMS groups (B, C → B+C; M, N → M+N)', async () => {
    const { read, long } = await readFixture('synthetic-sni-sections.csv');
    expect(read.level).toBe('avdelning');
    const rams = Object.fromEntries(long.map((r) => [r.naringsgren_kod, r.rams_grupp]));
    expect(rams).toEqual({ A: 'A', B: 'B+C', C: 'B+C', J: 'J', M: 'M+N', N: 'M+N' });
  });

  it('two-digit divisions, with a Totalt row kept as the total', async () => {
    const { read, long } = await readFixture('synthetic-sni-divisions.csv');
    expect(read.level).toBe('huvudgrupp');
    expect(brief(long)).toEqual(['17 16 2008=40', '17 17 2008=150', '17 62 2008=10', '17 total 2008=1000']);
    expect(long.find((r) => r.naringsgren_kod === '17')).toMatchObject({
      sni_avdelning: 'C',
      rams_grupp: 'B+C',
    });
    expect(long.find((r) => r.naringsgren_kod === 'total')?.naringsgren_niva).toBe('total');
  });

  it('a kön column is summed over men and women; a suppressed half makes the sum missing', async () => {
    const { long } = await readFixture('synthetic-sex-long.csv');
    expect(brief(long)).toEqual(['01 J 2008=120', '03 J 2008=missing']);
  });

  it('sex in the year headers with a total: the total is kept, not added to men and women', async () => {
    const { read, long } = await readFixture('synthetic-sex-total-wide.csv');
    expect(read.layout).toBe('wide');
    expect(brief(long)).toEqual(['01 J 2008=120', '03 J 2008=30']);
  });

  it('footnote lines after the data are left out with a warning', async () => {
    const { read, long } = await readFixture('synthetic-footnote.csv');
    expect(brief(long)).toEqual(['01 J 2008=120', '03 J 2008=30']);
    expect(read.warnings.map((w) => w.message).join()).toMatch(/Fotnot: syntetisk fotnot/);
  });
});

describe('statistics reader: errors name file and line', () => {
  const failure = async (fil: string) => {
    try {
      await readFixture(fil);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return err as InputError;
    }
    throw new Error(`${fil} was read without an error`);
  };

  it('unknown county code', async () => {
    const e = await failure('synthetic-unknown-region.csv');
    expect(e.location).toMatchObject({
      file: 'tests/fixtures/employment/synthetic-unknown-region.csv',
      line: 6,
    });
    expect(e.message).toMatch(/"26 Påhittat län": county code 26 is not in reference\/lan\.csv/);
  });

  it('unknown RAMS group', async () => {
    const e = await failure('synthetic-unknown-industry.csv');
    expect(e.location.line).toBe(4);
    expect(e.message).toMatch(/X\+Y påhittad grupp/);
  });

  it('unknown SNI division in a five-digit code', async () => {
    const e = await failure('synthetic-unknown-division.csv');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/division 04 is not in reference/);
  });

  it('a value that is neither a count nor a suppression symbol', async () => {
    const e = await failure('synthetic-bad-value.csv');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/found "12a"/);
  });

  it('a line with a field too many (DuckDB’s parse error, located)', async () => {
    const e = await failure('synthetic-extra-field.csv');
    expect(e.location.line).toBe(3);
    expect(e.message).toMatch(/3 fields as in the header, found 4/);
  });

  it('SNI 2002 is refused at the header', async () => {
    const e = await failure('synthetic-sni2002.csv');
    expect(e.location.line).toBe(1);
    expect(e.message).toMatch(/SNI 2007/);
  });

  it('a declared delimiter that is wrong finds no header', async () => {
    await expect(readFixture('synthetic-english-utf8.csv', { delimiter: ';' })).rejects.toThrow(
      /first 30 lines/,
    );
  });

  it('declared UTF-8 on a Windows-1252 file is located at the first bad byte', async () => {
    const err = await readFixture('synthetic-wide-rams-win1252.csv', { encoding: 'utf-8' }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.location).toMatchObject({ line: 1, column: 3 });
  });
});
