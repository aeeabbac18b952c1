// The fact sheets' and list 2's pages are made outside Paged.js (paged-config.js, placeRuns; the 2009
// PDF itself is checked in report-2009.test.ts): checked here on the real 2009 inputs with one list-1 and one
// list-2 description made longer than a page, which must send the render back to Paged.js for the whole
// report, so that the long sheet and the long network continue on a next page like any other content.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, resolveEdition } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../src/load.ts';
import { footerNumber, lines, pageWithLine, pdfPages } from '../src/pdf-text.ts';
import { writePrintHtml } from '../src/print.ts';
import { type RenderResult, renderPdf } from '../src/render.ts';
import { reportBody } from '../src/view.ts';

let dir: string;
let result: RenderResult;
let pages: string[];
let longName: string;
let nextName: string;
let longId: string;
let network: { id: string; name: string; next: string };

beforeAll(async () => {
  const duck = await Duck.open();
  let inputs: Awaited<ReturnType<typeof loadInputs>>;
  try {
    inputs = await loadInputs(duck, resolveEdition({ year: '2009' }));
  } finally {
    duck.close();
  }
  const list1 = inputs.members.filter((m) => m.lista === 1);
  const [long, next] = list1.map((m) => inputs.factsheets.find((f) => f.id === m.factsheet_id));
  if (!long || !next) throw new Error('the 2009 inputs have no list-1 fact sheets');
  longId = long.id;
  longName = long.rubrik;
  nextName = next.rubrik;
  const longer = (id: string, times: number) => {
    const text = inputs.descriptions.get(id) ?? '';
    inputs.descriptions.set(id, Array.from({ length: times }, () => text).join('\n\n'));
  };
  longer(long.id, 7);
  const [first2, second2] = inputs.members
    .filter((m) => m.lista === 2)
    .map((m) => inputs.factsheets.find((f) => f.id === m.factsheet_id));
  if (!first2 || !second2) throw new Error('the 2009 inputs have no list-2 fact sheets');
  network = { id: first2.id, name: first2.rubrik, next: second2.rubrik };
  longer(network.id, 14);
  dir = mkdtempSync(join(tmpdir(), 'kk-sheets-'));
  const htmlPath = writePrintHtml(reportBody(inputs), dir, 'report');
  result = await renderPdf({ htmlPath, pdfPath: join(dir, 'report.pdf'), allowedDirs: [dir] });
  pages = pdfPages(join(dir, 'report.pdf'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a fact sheet longer than its page', () => {
  it('is reported, and the report is laid out again with the sheets in the flow', () => {
    expect(result.longSheets.sort()).toEqual([`i-${longId}`, `i-${network.id}`].sort());
    expect(result.pages).toBe(pages.length);
  });

  it('continues on the next page, and the next initiative starts on the page after', () => {
    const start = pageWithLine(pages, longName, 4) as number;
    expect(start).toBeGreaterThan(3);
    expect(pageWithLine(pages, nextName, start)).toBe(start + 2);
    expect(lines(pages[start])[0]).toBe('4 Resultat');
  });

  it('a network longer than a page continues on the next, and the next network comes after it', () => {
    const start = pageWithLine(pages, network.name, 4) as number;
    expect(start).toBeGreaterThan(3);
    expect(pageWithLine(pages, network.next, start) as number).toBeGreaterThan(start + 1);
  });

  it('keeps the page numbers and the page references true', () => {
    for (let i = 1; i < pages.length; i++) expect(footerNumber(pages[i]), `page ${i + 1}`).toBe(i + 1);
    expect(result.pageOf[`i-${longId}`]).toBe(pageWithLine(pages, longName, 4));
  });
});
