// Phones (issue 21): every page of the 2009 web edition and the report's screen HTML fits a 390 px wide viewport
// without sideways scrolling; a wide table scrolls inside its own box. One Chromium, the pages in sequence.
// Also reads, on the start page, the LQ column the browser app fills in, against the recomputation.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveEdition } from '@kk/core';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../report/src/render.ts';
import { lqText, recompute } from './recompute.ts';

const edition = resolveEdition({ year: '2009', raw: 'raw', build: 'build' }, {});
const WEB = join(edition.buildDir, 'web');
const PHONE = 390;

const pages = [
  join(WEB, 'index.html'),
  ...['initiativ', 'lan'].flatMap((d) =>
    readdirSync(join(WEB, d))
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => join(WEB, d, f)),
  ),
  join(edition.buildDir, 'kartlaggning-2009.html'),
];

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  page = await browser.newPage();
  await page.setViewport({ width: PHONE, height: 844, isMobile: true, hasTouch: true });
});

afterAll(async () => {
  await browser?.close();
});

/** The page's width, and the elements that stick out to the right of the viewport outside a scrolling box. */
const measure = () =>
  page.evaluate((width: number) => {
    const scrolls = (e: Element | null): boolean => {
      for (let p = e?.parentElement; p; p = p.parentElement)
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX) && p !== document.documentElement)
          return true;
      return false;
    };
    const out = [...document.body.querySelectorAll('*')]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !scrolls(e))
      .slice(0, 3)
      .map(
        (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${e.className}` : ''}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, out };
  }, PHONE);

describe(`at ${PHONE} px`, () => {
  it(`no page scrolls sideways (${pages.length} pages: the web edition and the report's HTML)`, async () => {
    expect(pages.length).toBeGreaterThanOrEqual(1 + 68 + 21 + 1);
    const wide: string[] = [];
    for (const p of pages) {
      await page.goto(pathToFileURL(p).href, { waitUntil: 'load' });
      const m = await measure();
      if (m.scrollWidth > PHONE) wide.push(`${p}: ${m.scrollWidth} px (${m.out.join(', ')})`);
    }
    expect(wide).toEqual([]);
  });

  it("the start page's wide tables scroll in their own box, reachable from the keyboard", async () => {
    await page.goto(pathToFileURL(join(WEB, 'index.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    const boxes = await page.$$eval('.table-wrap', (els) =>
      els.map((e) => ({
        overflow: getComputedStyle(e).overflowX,
        role: e.getAttribute('role'),
        tabindex: e.getAttribute('tabindex'),
        label: e.getAttribute('aria-label') ?? '',
        scrolls: e.scrollWidth > e.clientWidth,
      })),
    );
    expect(boxes.length).toBe(2);
    for (const b of boxes) expect(b).toMatchObject({ overflow: 'auto', role: 'region', tabindex: '0' });
    expect(boxes.every((b) => b.label.length > 0)).toBe(true);
    // The län table is wider than a phone: it scrolls inside its box, not the page.
    expect(boxes.some((b) => b.scrolls)).toBe(true);
  });

  it("the browser app's LQ column: every län, as the recomputation rounds it", async () => {
    const x = recompute(edition.buildDir);
    await page.goto(pathToFileURL(join(WEB, 'index.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('html[data-ready="true"]');
    const group = await page.$eval('#lq-bransch', (e) => e.textContent ?? '');
    const cells = await page.$$eval('#lan-tabell tbody tr', (rows) =>
      rows.map((r) => [r.getAttribute('data-lan') ?? '', r.querySelector('td.lq')?.textContent ?? '']),
    );
    expect(cells.length).toBe(21);
    for (const [lan, text] of cells)
      expect(text, `index.html, län ${lan}, ${group}`).toBe(lqText(x.lanLq.get(`${lan}|${group}`) ?? null));
  });
});
