// The questionnaire's round trip (written → filled → read) and every hostile or wrong workbook refused at its
// file or cell. No pipeline runs here: the workbooks are made in memory. All answers are synthetic.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, SHEETS } from '../src/layout.ts';
import { type ReadOptions, readQuestionnaire } from '../src/read.ts';
import { type QuestionnaireSpec, questionnaire } from '../src/write.ts';
import { fill } from './fill.ts';

const criteria = [1, 2, 3, 4, 5, 6].map((nr) => ({ nr, rubrik: `Kriterium ${nr}` }));
const counts = [6, 5, 3, 4, 3, 3];
const indicators = criteria.flatMap((c, i) =>
  Array.from({ length: counts[i] }, (_, k) => ({
    kriterium: c.nr,
    nr: k + 1,
    text: `Underkategori ${c.nr}.${k + 1}`,
  })),
);
const spec: QuestionnaireSpec = {
  id: 'testkluster',
  year: 2010,
  namn: 'Testklustret (syntetiskt)',
  facts: {
    rubrik: 'Testklustret (syntetiskt)',
    telefonnummer: '031-10 00 00',
    adress: 'Box 1, 411 01 Göteborg',
  },
  criteria,
  indicators,
};
const opts: ReadOptions = {
  displayPath: 'raw/2010/enkat/svar/test.xlsx',
  year: 2010,
  ids: new Set(['testkluster']),
  criteria,
  indicators,
};
let blank: Buffer;
beforeAll(async () => {
  blank = await questionnaire(spec);
});
const read = (b: Buffer) => readQuestionnaire(b, opts);

/** A workbook's parts changed with JSZip (added, replaced), as a crafted file would be. */
async function repack(b: Buffer, change: (z: JSZip) => void): Promise<Buffer> {
  const z = await JSZip.loadAsync(b);
  change(z);
  return Buffer.from(await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Rewrites the uncompressed size an entry declares in the central directory (nothing else changes). */
function declare(b: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(b);
  for (let p = out.length - 46; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x02014b50) continue;
    const len = out.readUInt16LE(p + 28);
    if (out.toString('utf8', p + 46, p + 46 + len) === name) {
      out.writeUInt32LE(size, p + 24);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

describe('the questionnaire', () => {
  it('round trip: the sheets, locked id and year, drop-downs; the answers read back with their cells', async () => {
    const z = await JSZip.loadAsync(blank);
    const sheet2 = await z.file('xl/worksheets/sheet2.xml')?.async('string');
    expect(sheet2).toMatch(/<sheetProtection/);
    expect(sheet2).toMatch(/<dataValidation[^>]*type="list"/);
    const sheet3 = await z.file('xl/worksheets/sheet3.xml')?.async('string');
    expect(sheet3).toContain('&quot;ja,nej,vet ej&quot;');
    const filled = await fill(blank, {
      datum: '2010-03-01',
      facts: { telefonnummer: { nej: '031-12 34 56' }, adress: '' },
      indicators: ['ja', 'nej', 'vet ej', 'Ja'],
      hur: { 1: '<script>alert(1)</script> **x**' },
    });
    const q = await read(filled);
    expect(q.id).toBe('testkluster');
    expect(q.datum).toBe('2010-03-01');
    const tel = q.facts.find((f) => f.falt === 'telefonnummer');
    expect(tel).toEqual({
      falt: 'telefonnummer',
      stammer: 'nej',
      svar: '031-12 34 56',
      kalla: 'raw/2010/enkat/svar/test.xlsx!Uppgifter!D10',
    });
    expect(q.facts.find((f) => f.falt === 'adress')?.stammer).toBe('');
    expect(q.facts.find((f) => f.falt === 'rubrik')).toMatchObject({
      stammer: 'ja',
      kalla: 'raw/2010/enkat/svar/test.xlsx!Uppgifter!C7',
    });
    expect(q.indicators.map((i) => i.svar)).toEqual(['ja', 'nej', 'vet ej', 'ja']);
    // Markup is text: kept exactly as written (the pages escape it where they print it).
    expect(q.hows).toEqual([
      {
        kriterium: 1,
        hur: '<script>alert(1)</script> **x**',
        kalla: 'raw/2010/enkat/svar/test.xlsx!Självbedömning!E4',
      },
    ]);
  });

  it('wrong id, wrong year, a renamed sheet, an answer not among the choices, a formula: located at the cell', async () => {
    const at = 'raw/2010/enkat/svar/test.xlsx';
    await expect(
      read(await fill(blank, { cells: [[SHEETS.uppgifter, 'B2', 'annat-kluster']] })),
    ).rejects.toThrow(
      `${at}!Uppgifter!B2: expected the id of an initiative of the edition 2010, found "annat-kluster"`,
    );
    await expect(read(await fill(blank, { cells: [[SHEETS.uppgifter, 'B3', 2009]] }))).rejects.toThrow(
      `${at}!Uppgifter!B3: expected the year 2010, found "2009"`,
    );
    await expect(read(await fill(blank, { renameSheet: [SHEETS.sjalv, 'Blad3'] }))).rejects.toThrow(
      `${at}!Självbedömning: expected the sheet Självbedömning of the questionnaire, found the sheets "Instruktioner", "Uppgifter", "Blad3"`,
    );
    await expect(read(await fill(blank, { indicators: ['ja', 'kanske'] }))).rejects.toThrow(
      `${at}!Självbedömning!D5: expected one of ja / nej / vet ej (or nothing), found "kanske"`,
    );
    await expect(read(await fill(blank, { cells: [[SHEETS.uppgifter, 'C8', 'jo']] }))).rejects.toThrow(
      `${at}!Uppgifter!C8: expected one of ja / nej (or nothing), found "jo"`,
    );
    await expect(
      read(
        await fill(blank, {
          cells: [[SHEETS.uppgifter, 'D9', { formula: 'HYPERLINK("http://x","y")', result: 'y' }]],
        }),
      ),
    ).rejects.toThrow(
      `${at}!Uppgifter!D9: expected a typed answer (formulas are not evaluated), found the formula ="HYPERLINK`,
    );
    // A new name longer than a name may be, at its cell (the fact field's bound is longer).
    await expect(read(await fill(blank, { facts: { rubrik: { nej: 'x'.repeat(1500) } } }))).rejects.toThrow(
      `${at}!Uppgifter!D7: expected a name of at most 1000 characters, found 1500 characters`,
    );
    // A nej with no right value would empty the field; a ja beside a comment would replace it (found in review).
    await expect(read(await fill(blank, { cells: [[SHEETS.uppgifter, 'C9', 'nej']] }))).rejects.toThrow(
      `${at}!Uppgifter!D9: expected the right value when Stämmer uppgiften? is nej, found nothing`,
    );
    await expect(
      read(await fill(blank, { cells: [[SHEETS.uppgifter, 'D9', 'Stämmer fortfarande']] })),
    ).rejects.toThrow(
      `${at}!Uppgifter!D9: expected nothing when Stämmer uppgiften? is ja (or nej and the right value), found "Stämmer fortfarande"`,
    );
  });

  it('hostile workbooks are refused at the file before anything is unpacked', async () => {
    const at = 'raw/2010/enkat/svar/test.xlsx';
    // A zip bomb: 16 MB of zeros deflate to 16 KB; the archive declares it honestly.
    const zeros = Buffer.alloc(16 * 1024 * 1024);
    const bombed = await repack(blank, (z) => z.file('xl/media/bomb.bin', zeros));
    expect(bombed.length).toBeLessThan(LIMITS.fileBytes);
    await expect(read(bombed)).rejects.toThrow(
      `${at}: expected parts of at most 4 MB unpacked, found xl/media/bomb.bin declaring 16 MB`,
    );
    // The same bomb that lies about its size: refused when the declared size is reached while inflating.
    await expect(read(declare(bombed, 'xl/media/bomb.bin', 1000))).rejects.toThrow(
      `${at}: expected the 1000 bytes the archive declares for xl/media/bomb.bin, found an entry that unpacks to another size`,
    );
    // A million-row sheet, as its central directory declares it (about 40 bytes a row), without storing the rows.
    await expect(read(declare(blank, 'xl/worksheets/sheet2.xml', 40_000_000))).rejects.toThrow(
      `${at}: expected parts of at most 4 MB unpacked, found xl/worksheets/sheet2.xml declaring 38,1 MB`,
    );
    // Rows beyond the bound in a sheet small enough to unpack.
    const long = await fill(blank, { cells: [[SHEETS.sjalv, `A${LIMITS.rows + 50}`, 'x']] });
    await expect(read(long)).rejects.toThrow(
      `${at}!Självbedömning: expected a sheet of at most ${LIMITS.rows} rows, found ${LIMITS.rows + 50} rows`,
    );
    // Macros and external links.
    const macro = await repack(blank, (z) => z.file('xl/vbaProject.bin', 'Attribute VB_Name'));
    await expect(read(macro)).rejects.toThrow(
      `${at}: expected a workbook without macros, found a macro part (xl/vbaProject.bin)`,
    );
    const xlsm = await repack(blank, (z) => {
      const t = '[Content_Types].xml';
      z.file(t, 'application/vnd.ms-excel.sheet.macroEnabled.main+xml');
    });
    await expect(read(xlsm)).rejects.toThrow('found a macro-enabled workbook (.xlsm saved as .xlsx)');
    const link = await repack(blank, (z) => z.file('xl/externalLinks/externalLink1.xml', '<externalLink/>'));
    await expect(read(link)).rejects.toThrow(
      `${at}: expected a workbook without links to other files, found an external link (xl/externalLinks/`,
    );
    // Archives that another zip reader would read otherwise than the check (found in review): a macro part and a
    // 20 MB part hidden by an end record that counts fewer entries than the directory holds (jszip reads on
    // past the count), and a second directory placed in a gap before the end record (read as prepended data).
    const hidden = await repack(macro, (z) => z.file('xl/media/big.bin', Buffer.alloc(20 * 1024 * 1024)));
    const eocd = hidden.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const undercounted = Buffer.from(hidden);
    undercounted.writeUInt16LE(1, eocd + 8);
    undercounted.writeUInt16LE(1, eocd + 10);
    await expect(read(undercounted)).rejects.toThrow(
      `${at}: expected an intact zip archive, found a central directory that does not fill the archive exactly`,
    );
    const gap = Buffer.concat([
      blank.subarray(0, blank.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))),
      hidden,
    ]);
    const tail = blank.subarray(blank.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])));
    await expect(read(Buffer.concat([gap, tail]))).rejects.toThrow(`${at}: expected `);
    await expect(read(Buffer.from('id;namn\n'))).rejects.toThrow(
      `${at}: expected an Excel workbook (.xlsx, a zip archive), found a file that is not one`,
    );
    await expect(read(Buffer.alloc(LIMITS.fileBytes + 1, 1))).rejects.toThrow(
      `${at}: expected a questionnaire of at most 2 MB, found 2 MB`,
    );
  });
});
