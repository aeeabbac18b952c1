// A long table in the flow (the employment table, the exceptions to the criteria: a row per initiative) has
// its pages of rows between its first two parts and its last made outside Paged.js (paged-config.js,
// continueTable). Checked on the built 2009 print HTML (vitest's global setup builds it) with both tables'
// rows repeated until each runs over several pages: laid out with those pages made and by Paged.js alone,
// every page holds the same text.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, endBrowser, startBrowser } from '../src/render.ts';

interface Laid {
  pages: string[];
  tablePages: number;
}

let dir: string;
let session: BrowserSession;
let made: Laid;
let alone: Laid;

/** Repeats the rows of the first tbody after `marker` `times` times, each copy's first cell marked with its round. */
function repeatRows(html: string, marker: string, times: number): string {
  const at = html.indexOf(marker);
  const start = html.indexOf('<tbody>', at) + '<tbody>'.length;
  const end = html.indexOf('</tbody>', start);
  const rows = html.slice(start, end);
  const copies = Array.from({ length: times }, (_, k) => rows.replaceAll('<tr><td>', `<tr><td>${k + 1}. `));
  return html.slice(0, start) + copies.join('') + html.slice(end);
}

async function layOut(htmlPath: string, tables: boolean): Promise<Laid> {
  const browser = await session.browser;
  const page = await browser.newPage();
  try {
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { kkWillPaginate: boolean }).kkWillPaginate = true;
    });
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    return await page.evaluate(async (tables) => {
      const w = window as unknown as {
        kkPaginate: (o: { tables: boolean }) => Promise<{ pages: number; tablePages: number }>;
      };
      const result = await w.kkPaginate({ tables });
      const pages = [...document.querySelectorAll<HTMLElement>('.pagedjs_pages > .pagedjs_page')];
      if (pages.length !== result.pages) throw new Error(`${pages.length} pages, ${result.pages} counted`);
      return { pages: pages.map((p) => p.textContent ?? ''), tablePages: result.tablePages };
    }, tables);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  session = startBrowser();
  dir = mkdtempSync(join(tmpdir(), 'kk-tables-'));
  const built = join(REPO_ROOT, 'build/2009/report');
  copyFileSync(join(built, 'paged.polyfill.min.js'), join(dir, 'paged.polyfill.min.js'));
  const htmlPath = join(dir, 'report.print.html');
  let html = readFileSync(join(built, 'kartlaggning-2009.print.html'), 'utf8');
  html = repeatRows(html, 'class="data employment-table"', 6);
  html = repeatRows(html, '<section class="exceptions"', 12);
  writeFileSync(htmlPath, html);
  [made, alone] = [await layOut(htmlPath, true), await layOut(htmlPath, false)];
}, 120_000);

afterAll(async () => {
  await endBrowser(session);
  rmSync(dir, { recursive: true, force: true });
});

describe('the pages of a long table in the flow', () => {
  it('are made outside Paged.js for both tables', () => {
    expect(alone.tablePages).toBe(0);
    // Paged.js lays out each table's first two parts and its last; every page between is made.
    const employment = made.pages.filter((p) => p.includes('Bransch (RAMS)Sysselsatta'));
    const exceptions = made.pages.filter((p) => p.includes('Kriterier som inte uppfyllsMotivering'));
    expect(employment.length).toBeGreaterThan(4);
    expect(exceptions.length).toBeGreaterThan(3);
    expect(made.tablePages).toBe(employment.length - 3 + (exceptions.length - 3));
  });

  it('are the pages Paged.js makes, page by page', () => {
    expect(made.pages.length).toBe(alone.pages.length);
    for (let i = 0; i < made.pages.length; i++) expect(made.pages[i], `page ${i + 1}`).toBe(alone.pages[i]);
  });
});
