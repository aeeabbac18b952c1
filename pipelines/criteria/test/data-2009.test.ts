// The 2009 assessments are reconstructed from the report: every quotation in an evidence note must be
// found in the report's own text for that initiative, so no judgment rests on an invented fact.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

const RAW = join(REPO_ROOT, 'raw', '2009');
const read = (rel: string): Record<string, string>[] =>
  parse(readFileSync(join(RAW, rel), 'utf8'), { columns: true });

const initiativ = read('criteria/initiativ.csv');
const bedomningar = read('criteria/bedomningar.csv');
const factsheets = new Map(read('factsheets/factsheets.csv').map((f) => [f.id, f]));

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const FIELDS = [
  'tabellnamn',
  'rubrik',
  'internetadress',
  'adress',
  'telefonnummer',
  'kontaktperson',
  'geografiskt_omrade',
  'typ_av_sektor',
  'antal_medlemsforetag',
  'startar',
  'finansiarer',
  'forskning',
  'koppling',
];
const description = (id: string) => readFileSync(join(RAW, 'factsheets', 'descriptions', `${id}.md`), 'utf8');

/** The report's text about an initiative: its fact table and description. */
function ownText(id: string): string {
  const f = factsheets.get(id);
  if (!f) return '';
  return norm([...FIELDS.map((k) => f[k]), description(id)].join('\n'));
}

/** All of the report's text: every fact table and description, and the prose chapters. */
const allText = norm(
  [
    ...[...factsheets.keys()].flatMap((id) => [ownText(id)]),
    ...readdirSync(join(RAW, 'content'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(RAW, 'content', f), 'utf8')),
  ].join('\n'),
);

const quotes = (note: string) => [...note.matchAll(/”([^”]+)”/g)].map((m) => norm(m[1]));

describe('the 2009 assessments', () => {
  it('cover the 85 entities of the source lists, six judgments each, all reconstructed', () => {
    expect(initiativ).toHaveLength(85);
    expect(bedomningar).toHaveLength(85 * 6);
    expect(new Set([...initiativ, ...bedomningar].map((r) => r.proveniens))).toEqual(
      new Set(['reconstructed']),
    );
    expect(new Set(initiativ.map((r) => r.entity_id)).size).toBe(85);
  });

  it('quote, in every evidence note, only what the report says about that initiative', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const r of [...bedomningar, ...initiativ]) {
      const own = ownText(r.entity_id);
      for (const q of quotes(r.belagg)) {
        checked++;
        const found = own ? own.includes(q) : allText.includes(q);
        if (!found) missing.push(`${r.entity_id}: ”${q}”`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(600);
  });

  it('judge a criterion met by the decision alone only for list-1 initiatives, and say so', () => {
    for (const r of bedomningar.filter((b) => b.grund === 'beslut')) {
      const ini = initiativ.find((i) => i.entity_id === r.entity_id);
      expect([r.entity_id, ini?.beslut, r.bedomning, r.indikatorer_uppfyllda]).toEqual([
        r.entity_id,
        'lista1',
        'uppfyllt',
        '',
      ]);
      expect(r.belagg).toMatch(/Bedömt uppfyllt eftersom initiativet togs med i lista 1/);
    }
  });

  it('judge every sub-indicator of a list-1 initiative, since its fact table and description were read in full', () => {
    const list1 = new Set(initiativ.filter((i) => i.beslut === 'lista1').map((i) => i.entity_id));
    const all: Record<string, string> = {
      1: '1;2;3;4;5;6',
      2: '1;2;3;4;5',
      3: '1;2;3',
      4: '1;2;3;4',
      5: '1;2;3;4',
      6: '1;2',
    };
    for (const r of bedomningar.filter((b) => list1.has(b.entity_id))) {
      expect([r.entity_id, r.kriterium, r.indikatorer_bedomda]).toEqual([
        r.entity_id,
        r.kriterium,
        all[r.kriterium],
      ]);
    }
  });

  it('give no own website to the list-2 networks whose address is a page on another organisation’s site', () => {
    const noWeb = initiativ.filter((i) => i.egen_webbplats === 'nej').map((i) => i.entity_id);
    expect(noWeb.sort()).toEqual(['destination-dalarna', 'ifor', 'spaceport-sweden', 'tracentrum-norr']);
  });
});
