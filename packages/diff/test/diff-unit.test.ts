// diffEditions on two tiny, hand-made (synthetic) editions: every kind of change once, and editions of different
// shapes. Nothing here reads build/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_TYPES,
  type Change,
  chapterFacts,
  diffEditions,
  type EditionDiff,
  editionFromRows,
  writeDiff,
} from '../src/index.ts';

type Rows = Record<string, Record<string, unknown>[]>;

const sheet = (id: string, rubrik: string, over: Record<string, unknown> = {}) => ({
  id,
  lista: 1,
  natverkstyp: '',
  tabellnamn: rubrik,
  rubrik,
  internetadress: `www.${id}.example`,
  adress: 'Testgatan 1, 123 45 Teststad',
  telefonnummer: '010-123 45 67',
  kontaktperson: `Kontakt ${rubrik}`,
  geografiskt_omrade: 'Uppsala',
  typ_av_sektor: 'IKT',
  antal_medlemsforetag: 'Ca 10',
  startar: '2001',
  finansiarer: 'VINNOVA',
  forskning: 'Uppsala universitet',
  koppling: '',
  webb_canonical: `${id}.example`,
  postnummer: '12345',
  telefon_norm: [],
  epost: [],
  kontakt_namn: `Kontakt ${rubrik}`,
  ...over,
});

const decision = (
  entity_id: string,
  namn: string,
  utfall: string,
  factsheet_id: string | null = entity_id,
) => ({
  entity_id,
  namn,
  factsheet_id,
  utfall,
  skal_kod: utfall === 'rejected' ? 'inaktiv' : 'alla-kriterier',
  skal: '',
  beslut: utfall === 'rejected' ? 'bort' : utfall === 'list1' ? 'lista1' : 'lista2',
  undantag: false,
  organisationstyp: 'klusterinitiativ',
  aktiv: 'ja',
  inaktiv_sedan: '',
  egen_webbplats: 'ja',
});

// Gamma is renamed in B: new fact-sheet id and name, same web address, phone and contact.
const gamma = {
  webb_canonical: 'gamma-kluster.example',
  internetadress: 'www.gamma-kluster.example',
  telefon_norm: ['0187654321'],
  epost: ['gun@gamma-kluster.example'],
  kontakt_namn: 'Gun Gustafsson',
  kontaktperson: 'Gun Gustafsson, VD',
  postnummer: '75236',
};

const A: Rows = {
  source_lists: [
    { fil: 'l1.csv', ursprung: 'Lista ett', rader: 2 },
    { fil: 'l2.csv', ursprung: 'Lista två', rader: 1 },
  ],
  candidates: [
    { record_id: 'l1.csv:2', source_file: 'sources/l1.csv', namn: 'Alfa Kluster', extra: '{}' },
    { record_id: 'l1.csv:3', source_file: 'sources/l1.csv', namn: 'Delta', extra: '{}' },
    { record_id: 'l2.csv:2', source_file: 'sources/l2.csv', namn: 'Beta Nätverk', extra: '{}' },
  ],
  factsheets: [sheet('alfa', 'Alfa Kluster'), sheet('beta', 'Beta Nätverk'), sheet('gamma', 'Gamma', gamma)],
  entities: [
    { entity_id: 'alfa', namn: 'Alfa Kluster', factsheet_id: 'alfa' },
    { entity_id: 'beta', namn: 'Beta Nätverk', factsheet_id: 'beta' },
    { entity_id: 'gamma', namn: 'Gamma', factsheet_id: 'gamma' },
    { entity_id: 'delta', namn: 'Delta', factsheet_id: null },
  ],
  membership: [
    { record_id: 'l1.csv:2', entity_id: 'alfa' },
    { record_id: 'l1.csv:3', entity_id: 'delta' },
    { record_id: 'l2.csv:2', entity_id: 'beta' },
  ],
  beslut: [
    decision('alfa', 'Alfa Kluster', 'list1'),
    decision('beta', 'Beta Nätverk', 'list2-strategic'),
    decision('gamma', 'Gamma', 'list1'),
    decision('delta', 'Delta', 'rejected', null),
  ],
  bedomningar: [
    {
      entity_id: 'alfa',
      kriterium: 1,
      bedomning: 'uppfyllt',
      indikatorer_uppfyllda: '1;2',
      indikatorer_bedomda: '1;2;3',
      grund: 'faktablad',
    },
  ],
  entity_employment: [
    {
      factsheet_id: 'alfa',
      entity_id: 'alfa',
      rad: 'alla',
      ar: 2008,
      rams_grupp: 'J',
      bransch: 'IKT',
      lan_koder: '03',
      sysselsatta: 100,
      region_totalt: 1000,
      riket_totalt: 5000,
      lq: 1.1,
    },
    {
      factsheet_id: 'gamma',
      entity_id: 'gamma',
      rad: 'alla',
      ar: 2008,
      rams_grupp: 'J',
      bransch: 'IKT',
      lan_koder: '03',
      sysselsatta: 50,
      region_totalt: 1000,
      riket_totalt: 5000,
      lq: 0.9,
    },
  ],
  entity_lan: [
    { factsheet_id: 'alfa', entity_id: 'alfa', lan_kod: '03' },
    { factsheet_id: 'gamma', entity_id: 'gamma', lan_kod: '03' },
  ],
};

const B: Rows = {
  source_lists: [
    { fil: 'l1.csv', ursprung: 'Lista ett', rader: 2 },
    { fil: 'l3.csv', ursprung: 'Lista tre', rader: 1 },
  ],
  candidates: [
    {
      record_id: 'l1.csv:2',
      source_file: 'sources/l1.csv',
      namn: 'Alfa Kluster',
      extra: '{"Uppdaterad":"2010-01-01"}',
    },
    { record_id: 'l3.csv:2', source_file: 'sources/l3.csv', namn: 'Epsilon', extra: '{}' },
  ],
  factsheets: [
    sheet('alfa', 'Alfa Kluster', { antal_medlemsforetag: 'Ca 12' }),
    sheet('beta', 'Beta Nätverk'),
    sheet('gamma-nova', 'Gamma Nova', gamma),
    sheet('epsilon', 'Epsilon'),
  ],
  entities: [
    { entity_id: 'alfa', namn: 'Alfa Kluster', factsheet_id: 'alfa' },
    { entity_id: 'beta', namn: 'Beta Nätverk', factsheet_id: 'beta' },
    { entity_id: 'gamma-nova', namn: 'Gamma Nova', factsheet_id: 'gamma-nova' },
    { entity_id: 'epsilon', namn: 'Epsilon', factsheet_id: 'epsilon' },
  ],
  membership: [
    { record_id: 'l1.csv:2', entity_id: 'alfa' },
    { record_id: 'l3.csv:2', entity_id: 'epsilon' },
  ],
  // B's decisions table has a column A's lacks.
  beslut: [
    { ...decision('alfa', 'Alfa Kluster', 'list1'), ny_kolumn: 'x' },
    { ...decision('beta', 'Beta Nätverk', 'list1'), ny_kolumn: 'x' },
    { ...decision('gamma-nova', 'Gamma Nova', 'list1'), ny_kolumn: 'x' },
    { ...decision('epsilon', 'Epsilon', 'list1'), ny_kolumn: 'x' },
  ],
  bedomningar: [
    {
      entity_id: 'alfa',
      kriterium: 1,
      bedomning: 'delvis',
      indikatorer_uppfyllda: '1',
      indikatorer_bedomda: '1;2;3',
      grund: 'faktablad',
    },
  ],
  entity_employment: [
    {
      factsheet_id: 'alfa',
      entity_id: 'alfa',
      rad: 'alla',
      ar: 2009,
      rams_grupp: 'J',
      bransch: 'IKT',
      lan_koder: '03',
      sysselsatta: 120,
      region_totalt: 1000,
      riket_totalt: 5200,
      lq: 1.2,
    },
    {
      factsheet_id: 'gamma-nova',
      entity_id: 'gamma-nova',
      rad: 'alla',
      ar: 2009,
      rams_grupp: 'J',
      bransch: 'IKT',
      lan_koder: '03',
      sysselsatta: 50,
      region_totalt: 1000,
      riket_totalt: 5200,
      lq: 0.9,
    },
  ],
  // entity_lan is missing from B altogether.
};

let duck: Duck;
let diff: EditionDiff;
let same: EditionDiff;
const dir = mkdtempSync(join(tmpdir(), 'kk-diff-unit-'));

const pick = (typ: Change['typ']) => diff.changes.filter((c) => c.typ === typ);

beforeAll(async () => {
  duck = await Duck.open();
  const a = await editionFromRows(duck, A, { label: 'A', year: 2009 });
  const b = await editionFromRows(duck, B, { label: 'B', year: 2010 });
  diff = await diffEditions(a, b);
  const a2 = await editionFromRows(duck, A, { label: 'A igen' });
  same = await diffEditions(await editionFromRows(duck, A, { label: 'A' }), a2);
});
afterAll(() => {
  duck?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('diffEditions on two synthetic editions', () => {
  it('finds the added and the removed entity, and nothing else added or removed', () => {
    expect(pick('tillagd')).toEqual([
      {
        typ: 'tillagd',
        entity_a: '',
        entity_b: 'epsilon',
        namn: 'Epsilon',
        falt: 'utfall',
        fran: '',
        till: 'list1',
      },
    ]);
    expect(pick('borttagen')).toEqual([
      {
        typ: 'borttagen',
        entity_a: 'delta',
        entity_b: '',
        namn: 'Delta',
        falt: 'utfall',
        fran: 'rejected',
        till: '',
      },
    ]);
  });

  it('matches a renamed entity (new id and name, same web address and contact) with the dedupe matching', () => {
    expect(pick('namnbyte')).toEqual([
      {
        typ: 'namnbyte',
        entity_a: 'gamma',
        entity_b: 'gamma-nova',
        namn: 'Gamma Nova',
        falt: 'namn',
        fran: 'Gamma',
        till: 'Gamma Nova',
        grund: 'webbadress, postnummer, telefon, e-post',
      },
    ]);
    expect(diff.renames[0].sannolikhet).toBeGreaterThanOrEqual(0.95);
    // Renamed, it is compared as one entity: same employment figures except the year.
    expect(
      pick('sysselsattning')
        .filter((c) => c.entity_b === 'gamma-nova')
        .map((c) => c.falt),
    ).toEqual(['ar']);
  });

  it('finds a move between the lists', () => {
    expect(pick('flyttad')).toEqual([
      {
        typ: 'flyttad',
        entity_a: 'beta',
        entity_b: 'beta',
        namn: 'Beta Nätverk',
        falt: 'utfall',
        fran: 'list2-strategic',
        till: 'list1',
      },
    ]);
  });

  it('finds a changed fact-sheet field and a changed assessment', () => {
    expect(pick('faktaandring')).toEqual([
      {
        typ: 'faktaandring',
        entity_a: 'alfa',
        entity_b: 'alfa',
        namn: 'Alfa Kluster',
        falt: 'antal_medlemsforetag',
        fran: 'Ca 10',
        till: 'Ca 12',
      },
    ]);
    expect(pick('bedomningsandring').map((c) => [c.entity_b, c.falt, c.fran, c.till])).toEqual([
      ['alfa', 'kriterium_1.bedomning', 'uppfyllt', 'delvis'],
      ['alfa', 'kriterium_1.indikatorer_uppfyllda', '1;2', '1'],
      ['beta', 'beslut', 'lista2', 'lista1'],
    ]);
  });

  it('finds employment and LQ changes', () => {
    // B has no entity_lan: its län come from the employment rows, so they do not change.
    const alfa = pick('sysselsattning').filter((c) => c.entity_b === 'alfa');
    expect(alfa.map((c) => [c.falt, c.fran, c.till])).toEqual([
      ['ar', '2008', '2009'],
      ['lq', '1.1', '1.2'],
      ['sysselsatta', '100', '120'],
    ]);
    expect(diff.a.riketTotalt).toBe(5000);
    expect(diff.b.riketTotalt).toBe(5200);
  });

  it('reports differences of shape instead of failing on them', () => {
    expect(pick('form').map((c) => [c.namn, c.falt, c.fran, c.till])).toEqual([
      ['l3.csv', 'kallista', '', 'Lista tre'],
      ['l2.csv', 'kallista', 'Lista två', ''],
      ['l1.csv', 'kolumn', '', 'Uppdaterad'],
      ['criteria/beslut', 'kolumn', '', 'ny_kolumn'],
      ['employment/entity_lan', 'tabell', 'finns', 'saknas'],
    ]);
  });

  it('lists the changes in a fixed order: by kind, then name', () => {
    const kinds = diff.changes.map((c) => c.typ);
    expect(kinds.indexOf('form')).toBeGreaterThan(kinds.lastIndexOf('sysselsattning'));
    expect(diff.counts).toEqual({
      tillagd: 1,
      borttagen: 1,
      namnbyte: 1,
      flyttad: 1,
      faktaandring: 1,
      bedomningsandring: 3,
      sysselsattning: 4,
      form: 5,
    });
  });

  it('finds no change between an edition and itself', () => {
    expect(same.changes).toEqual([]);
    expect(same.matched).toBe(4);
  });
});

describe('outputs of a diff', () => {
  it('writes changes.csv, summary.json and diff.html', () => {
    const files = writeDiff(diff, join(dir, 'A-B'));
    const csv = readFileSync(files.changes, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('typ,entity_a,entity_b,namn,falt,fran,till,grund');
    expect(csv).toHaveLength(diff.changes.length + 1);
    expect(csv).toContain(
      'namnbyte,gamma,gamma-nova,Gamma Nova,namn,Gamma,Gamma Nova,"webbadress, postnummer, telefon, e-post"',
    );
    expect(JSON.parse(readFileSync(files.summary, 'utf8')).antal.tillagd).toBe(1);
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Förändringar mellan utgåva A och B');
  });

  it("gives the facts of the report's chapter: its figures, and its tables' rows with cells as shown", () => {
    const { kapitel, rader } = chapterFacts(diff);
    // The tables in the chapter's order, then the changed source lists its last paragraph names.
    expect([...new Set(rader.map((r) => r.grupp))].slice(0, 7)).toEqual([...CHANGE_TYPES.slice(0, 6), 'lq']);
    expect(rader.slice(-1)[0].grupp).toMatch(/^(kallista|kolumn)_/);
    expect(rader.map((r) => r.ordning)).toEqual(rader.map((_, i) => i + 1));
    expect(rader.filter((r) => r.grupp === 'namnbyte')).toEqual([
      expect.objectContaining({
        cell1: 'Gamma',
        cell2: 'Gamma Nova',
        cell3: 'webbadress, postnummer, telefon, e-post',
        cell4: null,
      }),
    ]);
    expect(kapitel).toMatchObject({ riket_a: 5000, riket_b: 5200, namnbyten: 1 });
  });
});
