// One rounding (issue 21): every location quotient the 2009 edition prints — in the PDF (pdftotext), in the
// report's screen HTML, on every page of the web edition and in the data the start page's browser app shows — is
// the exact quotient of SCB's counts rounded half up to 2 decimals, recomputed here with BigInt from the
// employment stage's statistics. Shares are checked where they stand beside the LQ. Reads built files only.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveEdition } from '@kk/core';
import { formatDecimal } from '@kk/swedish';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Expected, lqText, recompute, roundHalfUp, shareText } from './recompute.ts';

const edition = resolveEdition({ year: '2009', raw: 'raw', build: 'build' }, {});
const BUILD = edition.buildDir;
const WEB = join(BUILD, 'web');
const PDF = join(BUILD, 'kartlaggning-2009.pdf');
const HTML = join(BUILD, 'kartlaggning-2009.html');

let x: Expected;
beforeAll(() => {
  x = recompute(BUILD);
});

const SP = '[ \\u00a0]';
const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
/** A printed LQ where the expected value is missing must not be a number. */
function expectLq(printed: string, expected: string | null, where: string) {
  if (expected === null) expect(printed, where).not.toMatch(/^\d/);
  else expect(printed, where).toBe(expected);
}

describe('the recomputation itself', () => {
  it('rounds half up on the exact fraction, not on a double', () => {
    expect(roundHalfUp({ p: 100495n, q: 100000n }, 2)).toBe('1,00');
    expect(roundHalfUp({ p: 1005n, q: 1000n }, 2)).toBe('1,01');
    expect(roundHalfUp({ p: 2n, q: 3n }, 2)).toBe('0,67');
    expect(roundHalfUp({ p: 1234567n, q: 10n }, 1)).toBe('123\u00a0456,7');
    // The Paper Province in Värmland, by hand (see pipelines/employment/test/stage.test.ts): 1,2279 → 1,23.
    expect(lqText(x.entityLq.get('the-paper-province|17') ?? null)).toBe('1,23');
  });
});

describe('every LQ printed in 2009 equals the recomputation', () => {
  it('the PDF: Tabell 1 and the fact table of every initiative in list 1', () => {
    if (!existsSync(PDF)) throw new Error(`${PDF} is missing: npm run report -- --year 2009`);
    const text = execFileSync('pdftotext', ['-layout', PDF, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = text.split('\n');
    // Tabell 1: a row's first line ends "<sysselsatta>  <andel> %  <LQ>".
    const row = new RegExp(`(\\d{1,3}(?:${SP}\\d{3})*)${SP}+(\\d+,\\d)${SP}%${SP}+(\\d+,\\d\\d|–)${SP}*$`);
    const table = lines.flatMap((l) => {
      const m = row.exec(l);
      return m ? [{ employed: m[1].replace(/\D/g, ''), share: `${m[2]}\u00a0%`, lq: m[3] }] : [];
    });
    expect(table.length).toBe(x.list1.length);
    table.forEach((r, i) => {
      const key = `${x.list1[i].entity}|alla`;
      const where = `PDF Tabell 1, row ${i + 1} (${x.list1[i].name})`;
      expect(r.employed, where).toBe(String(x.entityEmployed.get(key)));
      expect(r.share, where).toBe(shareText(x.entityShare.get(key) ?? null));
      expectLq(r.lq, lqText(x.entityLq.get(key) ?? null), where);
    });
    // Fact tables, in the same order: "Sysselsatta i sektorn  35 416 i …" then "Lokaliseringskvot (LQ)  0,99".
    let employed = '';
    const facts: { employed: string; lq: string }[] = [];
    for (const l of lines) {
      const s = new RegExp(`^\\s*Sysselsatta i sektorn\\s+(\\d{1,3}(?:${SP}\\d{3})*) i `).exec(l);
      if (s) employed = s[1].replace(/\D/g, '');
      const q = /^\s*Lokaliseringskvot \(LQ\)\s+(\S.*?)\s*$/.exec(l);
      if (q) facts.push({ employed, lq: q[1] });
    }
    expect(facts.length).toBe(x.list1.length);
    facts.forEach((f, i) => {
      const key = `${x.list1[i].entity}|alla`;
      const where = `PDF fact table of ${x.list1[i].name}`;
      expect(f.employed, where).toBe(String(x.entityEmployed.get(key)));
      expectLq(f.lq, lqText(x.entityLq.get(key) ?? null), where);
    });
  });

  it("the report's screen HTML: Tabell 1 and every fact table", () => {
    const html = readFileSync(HTML, 'utf8');
    const rows = [
      ...html.matchAll(
        /<tr><td>([^<]*)<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
      ),
    ];
    expect(rows.length).toBe(x.list1.length);
    for (const [, name, , share, lq] of rows) {
      const fid = x.factsheetOfName.get(unescapeHtml(name));
      const key = `${x.entityOfFactsheet.get(fid ?? '')}|alla`;
      expect(x.entityLq.has(key), `${name} is an initiative with employment`).toBe(true);
      expect(share, name).toBe(shareText(x.entityShare.get(key) ?? null));
      expectLq(lq, lqText(x.entityLq.get(key) ?? null), `HTML Tabell 1, ${name}`);
    }
    const sections = html.split('<section class="initiative').slice(1);
    let seen = 0;
    for (const s of sections) {
      const id = /^[^>]*id="i-([^"]+)"/.exec(s)?.[1] ?? '';
      const lq = /<th scope="row">Lokaliseringskvot \(LQ\)<\/th><td>([^<]*)<\/td>/.exec(s)?.[1];
      if (lq === undefined) continue;
      seen += 1;
      const key = `${x.entityOfFactsheet.get(id)}|alla`;
      expectLq(lq, lqText(x.entityLq.get(key) ?? null), `HTML fact table of ${id}`);
    }
    expect(seen).toBe(x.list1.length);
  });

  it('every initiative page of the web edition: LQ and share per län', () => {
    const dir = join(WEB, 'initiativ');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThanOrEqual(68);
    let checked = 0;
    for (const f of files) {
      const id = f.replace(/\.html$/, '');
      const html = readFileSync(join(dir, f), 'utf8');
      const table = /<caption>Sysselsatta i initiativets bransch[\s\S]*?<\/tbody>/.exec(html)?.[0] ?? '';
      const rows = [
        ...table.matchAll(
          /<tr><th scope="row">([^<]*)<\/th><td>[^<]*<\/td><td class="num">\d+<\/td><td class="num">[^<]*<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g,
        ),
      ];
      const expectedRows = [...x.entityLq.keys()].filter(
        (k) => k.startsWith(`${id}|`) && !k.endsWith('|alla'),
      );
      expect(rows.length, `${f}: one row per län`).toBe(expectedRows.length);
      for (const [, lanName, share, lq] of rows) {
        const key = `${id}|${x.lanOfName.get(unescapeHtml(lanName)) ?? lanName}`;
        expect(x.entityLq.has(key), `${f}: ${lanName}`).toBe(true);
        expect(share, `${f}: ${lanName}`).toBe(shareText(x.entityShare.get(key) ?? null) ?? 'uppgift saknas');
        expectLq(lq, lqText(x.entityLq.get(key) ?? null), `${f}: ${lanName}`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('every län page of the web edition: the sector table and both lists', () => {
    const dir = join(WEB, 'lan');
    const files = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBe(21);
    for (const f of files) {
      const lan = f.replace(/\.html$/, '');
      const html = readFileSync(join(dir, f), 'utf8');
      const rows = [
        ...html.matchAll(
          /<tr(?: class="special")?><th scope="row">(\S+) [^<]*<\/th><td class="num">[^<]*<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="bar"/g,
        ),
      ];
      const groups = [...x.lanLq.keys()].filter((k) => k.startsWith(`${lan}|`));
      expect(rows.length, `${f}: one row per RAMS group`).toBe(groups.length);
      for (const [, group, share, lq] of rows) {
        const key = `${lan}|${group}`;
        expect(share, `${f}: ${group}`).toBe(shareText(x.lanShare.get(key) ?? null));
        expectLq(lq, lqText(x.lanLq.get(key) ?? null), `${f}: ${group}`);
      }
      // "Branscher med tydlig specialisering …": <li>CODE name: LQ 1,51</li>
      for (const [, group, lq] of html.matchAll(/<li>(\S+) [^<:]*: LQ ([^<]*)<\/li>/g)) {
        expectLq(lq, lqText(x.lanLq.get(`${lan}|${group}`) ?? null), `${f}: specialised ${group}`);
        expect(Number(lq.replace(',', '.')), `${f}: ${group} is listed from LQ 1,25`).toBeGreaterThanOrEqual(
          1.25,
        );
      }
      // "Initiativ i branscher utan specialisering …": the initiative's own LQ in the län, below 1 as printed.
      for (const [, id, group, lq] of html.matchAll(
        /<li><a href="\.\.\/initiativ\/([^"]+)\.html">[^<]*<\/a>: (\S+)[^<]*, LQ ([^<]*)<\/li>/g,
      )) {
        const own = x.entityLq.get(`${id}|${lan}`);
        const expected = lqText(own === undefined ? (x.lanLq.get(`${lan}|${group}`) ?? null) : own);
        expectLq(lq, expected, `${f}: ${id}`);
        expect(Number(lq.replace(',', '.')), `${f}: ${id} is listed below 1`).toBeLessThan(1);
      }
    }
  });

  it("the start page's data: every LQ the browser app can show, formatted as the app formats it", () => {
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const json = /<script type="application\/json" id="kk-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const data = JSON.parse(json) as { lq: Record<string, Record<string, number | null>> };
    let checked = 0;
    for (const [lan, groups] of Object.entries(data.lq))
      for (const [group, v] of Object.entries(groups)) {
        const expected = lqText(x.lanLq.get(`${lan}|${group}`) ?? null);
        expect(v === null ? null : formatDecimal(v, 2), `index.html data, ${lan} ${group}`).toBe(expected);
        checked += 1;
      }
    expect(checked).toBe(x.lanLq.size);
    // The app formats with the same function (the bundle cannot be read back; its source is checked instead).
    const app = readFileSync(join(import.meta.dirname, '../src/browser/app.ts'), 'utf8');
    expect(app).toMatch(/import \{[^}]*\bformatDecimal\b[^}]*\} from '@kk\/swedish'/);
    expect(app).not.toMatch(/Intl\.NumberFormat/);
  });
});
