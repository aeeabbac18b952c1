// The web edition in a real browser (Chromium through puppeteer-core), from file:// and from a static server on
// 127.0.0.1: the map, the filters and their counts, search, the pages, requests, hostile text, accessibility.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Duck, readCsv, resolveEdition } from '@kk/core';
import { FACT_FIELDS } from '@kk/fields';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../report/src/render.ts';
import { bundleApp } from '../src/bundle.ts';
import { loadSiteInputs } from '../src/load.ts';
import { buildModel } from '../src/model.ts';
import { writeSite } from '../src/site.ts';

const edition = resolveEdition({ year: '2009', raw: 'raw', build: 'build' }, {});
const SITE = join(edition.buildDir, 'web');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const HOSTILE =
  `<script>document.title='pwned'</script> <img src="http://example.com/x.png"> {{mustache}} ` +
  `</script><b>fet</b> & ”citat”`;

let browser: Browser;
let server: Server;
let httpBase: string;
let hostileDir: string;
/** Every request any page made, to check that none leaves the site's folder. */
const requests: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    requests.push(req.url());
    const u = req.url();
    // Nothing outside the site is fetched; the test still lets local files through and refuses the rest.
    if (u.startsWith('file:') || u.startsWith(httpBase) || u.startsWith('data:')) void req.continue();
    else void req.abort('blockedbyclient');
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

const rowCount = (page: Page) => page.$$eval('#tabell tbody tr', (rows) => rows.length);
const names = (page: Page) =>
  page.$$eval('#tabell tbody tr td:first-child', (c) => c.map((x) => x.textContent));

async function choose(page: Page, name: string, value: string) {
  await page.select(`#filter select[name=${name}]`, value);
}

beforeAll(async () => {
  browser = await puppeteer.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  // A static server over build/2009/, as a host would serve it; the site is its web/ folder.
  server = createServer((req, res) => {
    const path = normalize(
      join(edition.buildDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)),
    );
    if (!path.startsWith(edition.buildDir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(path);
      const type = {
        '.html': 'text/html; charset=utf-8',
        '.js': 'text/javascript',
        '.css': 'text/css',
        '.json': 'application/json',
      }[extname(path)];
      res.writeHead(200, { 'content-type': type ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  httpBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  // The hostile fixture: the real 2009 inputs with markup in a description and in a name, written as a site.
  const duck = await Duck.open();
  try {
    const inputs = await loadSiteInputs(duck, edition);
    inputs.descriptions.set('compare', `${HOSTILE}\n\nAndra stycket.`);
    // The name as the site reads it: the list's row (criteria's lista1/lista2 carry the overview table's name).
    const compare = [...inputs.lista1, ...inputs.lista2].find((r) => r.factsheet_id === 'compare');
    if (!compare) throw new Error('the 2009 lists have no member with the fact sheet compare');
    compare.namn = `Compare <img src="http://example.com/n.png"> </script>`;
    hostileDir = mkdtempSync(join(tmpdir(), 'kk-web-hostile-'));
    writeSite(
      buildModel(inputs),
      inputs,
      hostileDir,
      await bundleApp(),
      readFileSync(join(SITE, 'site.css'), 'utf8'),
    );
  } finally {
    duck.close();
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (hostileDir) rmSync(hostileDir, { recursive: true, force: true });
});

describe.each([
  ['file://', () => pathToFileURL(join(SITE, 'index.html')).href],
  ['http://127.0.0.1', () => `${httpBase}web/index.html`],
])('the start page from %s', (_origin, url) => {
  it('draws the 21 län and every initiative placed in Sweden', async () => {
    const page = await open(url());
    const lan = await page.$$eval('#karta path[data-lan]', (p) => p.map((x) => x.getAttribute('data-lan')));
    expect(new Set(lan).size).toBe(21);
    expect(await page.$$eval('#karta a.punkt', (a) => a.length)).toBeGreaterThanOrEqual(60);
    expect(await rowCount(page)).toBe(68);
    await page.close();
  });

  it("gives the report's counts: 39 in list 1, 22 strategic and 7 transnational networks", async () => {
    const page = await open(url());
    for (const [value, n] of [
      ['lista1', 39],
      ['strategiskt', 22],
      ['transnationellt', 7],
    ] as const) {
      await choose(page, 'lista', value);
      expect(await rowCount(page)).toBe(n);
      expect(await page.$eval('#antal', (e) => e.textContent)).toContain(`Visar ${n} av 68`);
    }
    await page.close();
  });

  it('filters to a län by a click on the map: Värmland and Västra Götaland have 5 each in list 1', async () => {
    const page = await open(url());
    await choose(page, 'lista', 'lista1');
    await page.click('#karta path[data-lan="17"]');
    expect(await rowCount(page)).toBe(5);
    expect(page.url()).toContain('lan=17');
    expect(await names(page)).toContain('The Paper Province');
    await page.click('#karta path[data-lan="14"]');
    expect(await rowCount(page)).toBe(5);
    expect(await names(page)).toContain('Göteborg Bio');
    // The same län again shows all län.
    await page.click('#karta path[data-lan="14"]');
    expect(await rowCount(page)).toBe(39);
    await page.close();
  });

  it('finds ProcessIT from "process it" and keeps the view in the URL', async () => {
    const page = await open(url());
    await page.type('#filter input[name=q]', 'process it');
    expect(await names(page)).toEqual(['Process IT Innovations']);
    expect(page.url()).toContain('q=process+it');
    const shared = await open(`${url()}#lista=lista1&lan=17`);
    expect(await rowCount(shared)).toBe(5);
    expect(await shared.$eval('#filter select[name=lan]', (s) => (s as HTMLSelectElement).value)).toBe('17');
    await page.close();
    await shared.close();
  });

  it('opens an initiative page with its fact table, and its link to the same page of the PDF', async () => {
    const page = await open(url());
    await Promise.all([
      page.waitForNavigation(),
      page.click('#tabell a[href="initiativ/processit-innovations.html"]'),
    ]);
    const facts = await page.$$eval('#fakta th', (th) => th.map((x) => x.textContent));
    const values = await page.$$eval('#fakta td', (td) => td.map((x) => x.textContent ?? ''));
    // Every field of the fact sheet that has a value, as factsheets.csv gives it (the web address is the link).
    const sheet = readCsv(join(edition.rawDir, 'factsheets', 'factsheets.csv'), {
      encoding: 'utf-8',
    }).rows.find((r) => r.record.id === 'processit-innovations')?.record as Record<string, string>;
    const shown = FACT_FIELDS.filter(([key]) => key !== 'internetadress' && sheet[key].trim() !== '');
    expect(shown.length).toBeGreaterThan(5);
    expect(facts).toEqual(expect.arrayContaining(shown.map(([, label]) => label)));
    for (const [key] of shown) expect(values.join('\n')).toContain(sheet[key].trim().split('\n')[0].trim());
    expect(await page.$eval('a[href^="http"]', (a) => a.getAttribute('href'))).toContain(
      'processitinnovations.se',
    );
    const pdf = await page.$eval('a[href*=".pdf#page="]', (a) => a.getAttribute('href'));
    const pages = JSON.parse(readFileSync(join(edition.buildDir, 'report', 'pages.json'), 'utf8'));
    expect(pdf).toBe(`../../kartlaggning-2009.pdf#page=${pages['i-processit-innovations']}`);
    await page.close();
  });
});

describe('requests and hostile text', () => {
  it('no page requested anything outside the site folder', () => {
    const site = pathToFileURL(SITE).href;
    const outside = requests.filter((u) => !u.startsWith(`${site}/`) && !u.startsWith(`${httpBase}web/`));
    expect(requests.length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });

  it('shows markup in a description and a name literally, and loads nothing for it', async () => {
    const before = requests.length;
    const page = await open(pathToFileURL(join(hostileDir, 'initiativ', 'compare.html')).href);
    const text = await page.$eval('.description', (e) => e.textContent);
    expect(text).toContain(HOSTILE.replace(/\s+/g, ' '));
    expect(await page.title()).not.toBe('pwned');
    expect(await page.$$('.description img, .description b, .description script')).toHaveLength(0);
    const start = await open(pathToFileURL(join(hostileDir, 'index.html')).href);
    await start.type('#filter input[name=q]', 'compare');
    expect(await names(start)).toEqual(['Compare <img src="http://example.com/n.png"> </script>']);
    expect(await start.$$('#tabell img')).toHaveLength(0);
    expect(requests.slice(before).filter((u) => u.includes('example.com'))).toEqual([]);
    await page.close();
    await start.close();
  });
});

describe('accessibility (axe-core)', () => {
  it.each([
    ['the start page', 'index.html'],
    ['a län page', 'lan/17.html'],
    ['an initiative page', 'initiativ/processit-innovations.html'],
  ])('finds no serious or critical violation on %s', async (_name, file) => {
    const page = await open(pathToFileURL(join(SITE, file)).href);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const r = await axe.run();
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });
});
