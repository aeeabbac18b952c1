// The finishing of Chromium's PDF as a patch of its bytes (pdf-patch.ts) against pdf-lib's rewrite of every object
// (pdfmeta.ts), on a tagged PDF Chromium prints here: the same metadata, language and structure ids, a
// cross-reference table that points at every object, the same bytes whatever numbers Chromium gave the structure
// elements, and pdf-lib's rewrite for a file of another shape.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { patchChromiumPdf } from '../src/pdf-patch.ts';
import { finishPdf, pdfFacts, rewritePdf } from '../src/pdfmeta.ts';
import { endBrowser, startBrowser } from '../src/render.ts';

const edition = {
  titel: 'Kartläggning av svenska klusterinitiativ (ett prov)',
  forfattare: 'Åsa Öberg',
  serie: 'VINNOVA Rapport VR 2009:31',
  utgivningsdatum: '2009-12-01',
  sprak: 'sv',
  amnesord: ['klusterinitiativ', 'VINNVÄXT'],
} as Parameters<typeof pdfFacts>[0];
const facts = pdfFacts(edition);

let dir: string;
let raw: Buffer;

/** pdfinfo's lines but the file's size (the two ways write the same objects differently). */
const info = (pdf: Uint8Array) => {
  const path = join(dir, `info-${Math.random()}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdfinfo', [path], { encoding: 'utf8' }).replace(/^File size:.*\n/m, '');
};
/** Per object number, the structure ids its dictionary names. */
const structureIds = (pdf: Uint8Array) => {
  const text = Buffer.from(pdf).toString('latin1');
  const out: Record<string, string[]> = {};
  for (const m of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const ids = [...m[2].split(/\bstream\r?\n/)[0].matchAll(/\(node(\d{8})\)/g)].map((x) => x[1]);
    if (ids.length) out[m[1]] = ids;
  }
  return out;
};
/** The objects the cross-reference table does not point at. */
const misplaced = (pdf: Uint8Array) => {
  const text = Buffer.from(pdf).toString('latin1');
  const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const head = /^xref\r?\n0 (\d+)\r?\n/.exec(text.slice(at)) as RegExpExecArray;
  const bad: number[] = [];
  for (let i = 0; i < Number(head[1]); i++) {
    const e = text.slice(at + head[0].length + 20 * i, at + head[0].length + 20 * i + 20);
    if (e[17] === 'n' && !text.startsWith(`${i} 0 obj`, Number(e.slice(0, 10)))) bad.push(i);
  }
  return bad;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kk-pdf-patch-'));
  const session = startBrowser();
  try {
    const page = await (await session.browser).newPage();
    // A table with header cells: Chromium names their structure elements by DOM node (node00001234).
    const rows = Array.from({ length: 30 }, (_, i) => `<tr><th scope="row">Rad ${i}</th><td>${i}</td></tr>`);
    await page.setContent(
      `<!doctype html><html lang="sv"><head><title>x</title></head><body><h1>Rubrik</h1>
       <table><thead><tr><th scope="col">Namn</th><th scope="col">Tal</th></tr></thead>
       <tbody>${rows.join('')}</tbody></table></body></html>`,
    );
    raw = Buffer.from(await page.pdf({ format: 'A4', outline: true, tagged: true }));
    await page.close();
  } finally {
    await endBrowser(session);
  }
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('finishing Chromium’s PDF by a patch of its bytes', () => {
  it('has structure ids to renumber and is patched', () => {
    expect(Object.keys(structureIds(raw)).length).toBeGreaterThan(0);
    expect(patchChromiumPdf(raw, facts)).toBeInstanceOf(Buffer);
  });

  it('says what pdf-lib’s rewrite says: metadata, dates, language, version, the same structure ids', async () => {
    const patched = patchChromiumPdf(raw, facts) as Buffer;
    const rewritten = await rewritePdf(raw, facts);
    expect(info(patched)).toBe(info(rewritten));
    expect(info(patched)).toMatch(/Title:\s+Kartläggning av svenska klusterinitiativ \(ett prov\)\n/);
    expect(info(patched)).toMatch(/Author:\s+Åsa Öberg\n/);
    expect(info(patched)).toMatch(/CreationDate:\s+Tue Dec {2}1 00:00:00 2009 UTC/);
    expect(structureIds(patched)).toEqual(structureIds(rewritten));
    const doc = await PDFDocument.load(patched, { updateMetadata: false });
    expect(doc.getKeywords()).toBe('klusterinitiativ VINNVÄXT');
    expect(doc.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(sv-SE)');
    const text = patched.toString('latin1');
    expect(text).toContain('/Lang (sv-SE)');
    expect(text).toContain('/PageMode /UseOutlines');
    expect(text).toContain('/ID [(VINNOVA-Rapport-VR-2009:31) (VINNOVA-Rapport-VR-2009:31)]');
  });

  it('has a cross-reference table that points at every object', () => {
    expect(misplaced(raw)).toEqual([]);
    expect(misplaced(patchChromiumPdf(raw, facts) as Buffer)).toEqual([]);
  });

  it('gives the same bytes whatever numbers Chromium gave the structure elements', () => {
    const shifted = Buffer.from(
      raw
        .toString('latin1')
        .replace(/\(node(\d{8})\)/g, (_, n) => `(node${String(Number(n) + 7).padStart(8, '0')})`),
      'latin1',
    );
    expect(shifted.equals(raw)).toBe(false);
    expect((patchChromiumPdf(shifted, facts) as Buffer).equals(patchChromiumPdf(raw, facts) as Buffer)).toBe(
      true,
    );
    const ids = Object.values(structureIds(patchChromiumPdf(raw, facts) as Buffer)).flat();
    expect(new Set(ids).size).toBe(Number([...ids].sort().at(-1)));
  });

  it('leaves to pdf-lib a catalog it would not finish as pdf-lib does: no DisplayDocTitle, a language in hex', () => {
    const text = raw.toString('latin1');
    const root = /\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
    const at = text.indexOf(`\n${root} 0 obj`) + 1;
    const end = text.indexOf('endobj', at);
    // Edits of the same length, so that the table still points at every object.
    const edited = (from: string, to: string) => {
      const catalog = text.slice(at, end);
      expect(catalog).toContain(from);
      return Buffer.from(text.slice(0, at) + catalog.replace(from, to) + text.slice(end), 'latin1');
    };
    expect(patchChromiumPdf(edited('/DisplayDocTitle true', '/DisplayDocTitle fals'), facts)).toBeUndefined();
    expect(patchChromiumPdf(edited('/Lang (sv)', '/Lang <73>'), facts)).toBeUndefined();
    expect(patchChromiumPdf(edited('/Lang (sv)', '/Lang (SV)'), facts)).toBeInstanceOf(Buffer);
  });

  it('leaves a file of another shape (object streams) to pdf-lib, which finishes it all the same', async () => {
    const doc = await PDFDocument.load(raw, { updateMetadata: false });
    const streams = Buffer.from(await doc.save({ useObjectStreams: true }));
    expect(patchChromiumPdf(streams, facts)).toBeUndefined();
    // An incremental update: a second table and trailer pointing back at the first (/Prev). The same update
    // without /Prev is patched, so it is /Prev that turns it away.
    const text = raw.toString('latin1');
    const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
    const table = text.slice(xrefAt, text.indexOf('trailer', xrefAt));
    const trailer = /trailer\s*<<([\s\S]*?)>>/.exec(text.slice(xrefAt))?.[1] ?? '';
    const update = (prev: string) =>
      Buffer.concat([
        raw,
        Buffer.from(`${table}trailer\n<<${trailer}${prev}>>\nstartxref\n${raw.length}\n%%EOF\n`, 'latin1'),
      ]);
    expect(patchChromiumPdf(update(''), facts)).toBeInstanceOf(Buffer);
    expect(patchChromiumPdf(update(`\n/Prev ${xrefAt}`), facts)).toBeUndefined();
    const path = join(dir, 'streams.pdf');
    writeFileSync(path, streams);
    await finishPdf(path, edition);
    expect(info(readFileSync(path))).toMatch(/Author:\s+Åsa Öberg\n/);
  });
});
