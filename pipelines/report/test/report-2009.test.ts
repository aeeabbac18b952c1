// The built 2009 report (vitest's global setup runs `npm run report`), read back from the PDF.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { footerNumber, lines, pageWithLine, pdfPages } from '../src/pdf-text.ts';

const BUILD = join(REPO_ROOT, 'build/2009');
const PDF = join(BUILD, 'kartlaggning-2009.pdf');

interface Fact {
  id: string;
  lista: string;
  natverkstyp: string;
  ordning: string;
  tabellnamn: string;
  rubrik: string;
}

let pages: string[];
let facts: Fact[];
/** Page of each initiative's heading. */
const pageOf = new Map<string, number>();

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const textOf = (from: number, to: number) => squash(pages.slice(from - 1, to).join('\n'));

beforeAll(() => {
  pages = pdfPages(PDF);
  facts = parse(readFileSync(join(BUILD, 'ingest/factsheets.csv'), 'utf8'), { columns: true });
  const firstInitiative = pageWithLine(pages, 'ProcessIT Innovations') ?? 1;
  for (const f of facts) {
    const p = pageWithLine(pages, f.rubrik, firstInitiative);
    if (p) pageOf.set(f.id, p);
  }
});

describe('the 2009 PDF', () => {
  it('has its metadata, tags and language', () => {
    const info = execFileSync('pdfinfo', [PDF], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Kartläggning av svenska klusterinitiativ/);
    expect(info).toMatch(/Author:\s+Jonnie Nordensky/);
    expect(info).toMatch(/Subject:\s+VINNOVA Rapport VR 2009:31/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/CreationDate:\s+.*2009/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const raw = readFileSync(PDF, 'latin1');
    expect(raw).toContain('/Lang (sv-SE)');
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
  });

  it('has the title page first, unnumbered, and a number on every other page matching its place', () => {
    expect(lines(pages[0])).toContain('VINNOVA Rapport VR 2009:31');
    expect(footerNumber(pages[0])).toBeUndefined();
    for (let i = 1; i < pages.length; i++) expect(footerNumber(pages[i]), `page ${i + 1}`).toBe(i + 1);
  });

  it('has the chapters in the seed’s order', () => {
    const order = [
      'Innehåll',
      'Förord',
      '1 Inledning',
      '1.3.2 Begreppsindelning',
      '2 Tidigare studier',
      '2.3 Sammanfattning, tidigare studier',
      '3 Metod',
      '3.1 Steg 1 – Grov insamling av klusterinitiativ',
      '3.2.2 Strategiska nätverk',
      '3.3.2 Glapp mellan kriterier och metod',
      '4 Resultat',
      '4.1 Sammanfattande slutsatser',
      'Sysselsättning och regional specialisering',
      '4.2 Kriterier för klusterinitiativen',
      '4.3 Klusterkartan – informationsbeskrivning',
      'ProcessIT Innovations',
      'Telecom City',
      '5 Strategiska nätverk – lista 2',
      'Space port Sweden',
      'Netport',
      '5.2 Transnationella nätverk',
      'MedCoast Scandinavia',
      '6 Fortsatta studier',
    ];
    let previous = 0;
    for (const heading of order) {
      const p = pageWithLine(pages, heading, previous || 1);
      expect(p, heading).toBeDefined();
      expect(p as number, heading).toBeGreaterThanOrEqual(previous);
      previous = p as number;
    }
  });

  it('gives every list-1 initiative a page of its own, in the overview table’s order', () => {
    const list1 = facts.filter((f) => f.lista === '1').sort((a, b) => Number(a.ordning) - Number(b.ordning));
    expect(list1).toHaveLength(39);
    const ps = list1.map((f) => pageOf.get(f.id) as number);
    // One page each, one after the other, under the chapter's running head.
    for (let i = 1; i < ps.length; i++) expect(ps[i], list1[i].id).toBe(ps[i - 1] + 1);
    for (const p of ps) expect(lines(pages[p - 1])[0], `page ${p}`).toBe('4 Resultat');
  });

  it('prints the real page of every initiative in the overview tables (Sida)', () => {
    for (const list of ['1', '2']) {
      const entries = facts.filter((f) => f.lista === list);
      const tablePage = pages.findIndex(
        (p, i) =>
          i > 2 &&
          lines(p).some((l) => /^Initiativ Geografiskt område Sida$/.test(l)) &&
          lines(p).some((l) => l.startsWith(entries[0].tabellnamn)),
      );
      expect(tablePage, `overview table of list ${list}`).toBeGreaterThan(0);
      const rows = [...lines(pages[tablePage]), ...lines(pages[tablePage + 1] ?? '')];
      for (const f of entries) {
        const row = rows.find((l) => l.startsWith(`${f.tabellnamn} `) && /\s\d+$/.test(l));
        expect(row, `row of ${f.tabellnamn}`).toBeDefined();
        const printed = Number(/(\d+)$/.exec(row as string)?.[1]);
        expect(printed, f.tabellnamn).toBe(pageOf.get(f.id));
      }
    }
  });

  it('prints the real pages in the table of contents', () => {
    const toc = lines(pages[1]).concat(lines(pages[2]));
    const entries = toc.filter((l) => /^(Förord|\d+(\.\d+)* .+) \d+$/.test(l));
    expect(entries).toHaveLength(28);
    expect(entries).toContain(
      `5.2 Transnationella nätverk ${String(pageWithLine(pages, '5.2 Transnationella nätverk', 3))}`,
    );
    for (const entry of entries) {
      const m = /^(.*) (\d+)$/.exec(entry) as RegExpExecArray;
      const p = pageWithLine(pages, m[1], 3);
      expect(p, m[1]).toBe(Number(m[2]));
    }
  });

  it('computes the page references in the prose', () => {
    const list2 = facts.filter((f) => f.lista === '2');
    const first = Math.min(...list2.map((f) => pageOf.get(f.id) as number));
    const last = Math.max(...list2.map((f) => pageOf.get(f.id) as number));
    const all = textOf(1, pages.length);
    const ranges = [...all.matchAll(/\(sida (\d+)–(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(ranges).toHaveLength(2);
    for (const r of ranges) expect(r).toEqual([first, last]);
    const tables = /\(sida (\d+) respektive sida (\d+)\)/.exec(all) as RegExpExecArray;
    const table1 = pageWithLine(pages, 'Initiativ Geografiskt område Sida', 3) as number;
    const table2 = pageWithLine(
      pages,
      'Initiativ Geografiskt område Sida',
      (pageOf.get('telecom-city') as number) + 1,
    );
    expect([Number(tables[1]), Number(tables[2])]).toEqual([table1, table2]);
  });

  it('states the figures of 4.1 as the data gives them', () => {
    const figures = JSON.parse(readFileSync(join(BUILD, 'report/figures.json'), 'utf8'));
    expect(figures.lista1.antal).toBe(39);
    expect(figures.lista2).toEqual({ antal: 29, strategiska: 22, transnationella: 7 });
    expect(figures.lan).toMatchObject({ tackta: 20, totalt: 21 });
    expect(figures.lan.mening_saknas).toBe(
      'Gotland är det län som inte representeras av något klusterinitiativ i den framställda listan.',
    );
    expect(figures.lan.mening_flest).toBe(
      'Värmland och Västra Götaland är de län med flest klusterinitiativ representerade (5 st. vardera) följt av Kronoberg, Norrbotten, Skåne och Örebro (4 st. vardera).',
    );
    expect(figures.larosaten.mening_flest).toBe(
      'Chalmers tekniska högskola, Karlstads universitet, Kungliga Tekniska högskolan och Mälardalens högskola är de lärosäten som medverkat inom flest initiativ (4 st. vardera).',
    );
    expect(figures.sektorer).toEqual({ ikt: 'sju', life_science: 'fyra' });
    const text = textOf(1, pages.length);
    expect(text).toContain('Det är 39 st. klusterinitiativ som slutligen har räknats med i listan.');
    expect(text).toContain('”täcker up” 20 st. av Sveriges 21 län.');
    expect(text).toContain(squash(figures.lan.mening_flest));
    expect(text).toContain(
      'Det är 29 st. initiativ som slutligen har räknats med i den kompletterande listan',
    );
    expect(text).toContain(
      'Av dessa är 22 st. vad som kallats för strategiska nätverk och 7 st. transnationella nätverk.',
    );
    expect(text).toContain('Inom IKT går det att härleda sju st. klusterinitiativ till området.');
  });

  it('draws diagram 2 in full (Paged.js lays out its drawings empty; they are filled in afterwards)', () => {
    const p = pages.findIndex((page) => lines(page).some((l) => l.startsWith('Diagram 2 ')));
    expect(p).toBeGreaterThan(0);
    const ls = lines(pages[p]);
    // The bar chart's labels and values (Värmland has the most initiatives, Gotland none: figures.json).
    for (const bar of ['Värmland 5', 'Västra Götaland 5', 'Kronoberg 4']) expect(ls).toContain(bar);
    expect(ls.some((l) => l.endsWith('Gotland 0'))).toBe(true);
  });

  it('numbers the 28 footnotes of the seed in order, at the foot of their pages', () => {
    const notes: number[] = [];
    for (const page of pages) {
      for (const l of lines(page)) {
        const m = /^(\d{1,2}) \S/.exec(l);
        if (m && Number(m[1]) === notes.length + 1) notes.push(Number(m[1]));
      }
    }
    expect(notes).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });
});
