// The diff of the real 2009 edition and the synthetic 2010 fixture edition (tests/fixtures/raw/2010, made by
// tests/fixtures/make-edition-2010.ts): every change the fixture makes must come out, named and with its values.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, REPO_ROOT, resolveEdition } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../cli/src/pipeline.ts';
import {
  type Change,
  chapterFacts,
  diffEditions,
  type EditionDiff,
  readEditionOutputs,
  writeDiff,
} from '../src/index.ts';

const FIXTURE_RAW = 'tests/fixtures/raw';

let duck: Duck;
let diff: EditionDiff;
let self: EditionDiff;
const dir = mkdtempSync(join(tmpdir(), 'kk-diff-fixture-'));

beforeAll(async () => {
  // 2009 is built by the global setup (through turbo's cache this is quick); 2010 through every stage, which
  // is also the proof that the fixture edition is consistent.
  expect(await runPipeline(['criteria', 'employment'], { year: '2009' })).toBe(0);
  expect(await runPipeline('report', { year: '2010', raw: FIXTURE_RAW })).toBe(0);
  const e2009 = resolveEdition({ year: 2009 });
  const e2010 = resolveEdition({ year: 2010, raw: FIXTURE_RAW });
  duck = await Duck.open();
  diff = await diffEditions(
    await readEditionOutputs(duck, e2009.buildDir),
    await readEditionOutputs(duck, e2010.buildDir),
  );
  self = await diffEditions(
    await readEditionOutputs(duck, e2009.buildDir),
    await readEditionOutputs(duck, e2009.buildDir),
  );
}, 600_000);

afterAll(() => {
  duck?.close();
  rmSync(dir, { recursive: true, force: true });
});

const of = (typ: Change['typ']) => diff.changes.filter((c) => c.typ === typ);
const change = (typ: Change['typ'], entity: string, falt: string) => {
  const found = diff.changes.filter(
    (c) => c.typ === typ && (c.entity_b === entity || c.entity_a === entity) && c.falt === falt,
  );
  expect(found, `${typ} ${entity} ${falt}`).toHaveLength(1);
  return found[0];
};

describe('the matching of 2010, estimated with what 2009 knew', () => {
  it('labels the pairs of records that were one entity in 2009 for the estimation; 2009, the first edition, has none', () => {
    const estimated = (year: number) =>
      JSON.parse(readFileSync(join(REPO_ROOT, 'build', String(year), 'dedupe', 'model.json'), 'utf8'))
        .estimated;
    expect(estimated(2009).labelled_pairs.samma).toBe(0);
    const e2010 = estimated(2010);
    // The fixture keeps most of 2009's lists: hundreds of pairs carried over, all of them among the candidates.
    expect(e2010.labelled_pairs.samma).toBeGreaterThan(200);
    expect(e2010.labelled_pairs.samma).toBeLessThanOrEqual(e2010.candidate_pairs);
    expect(e2010.em.converged).toBe(true);
  });
});

describe('diff 2009 → 2010 (synthetic fixture)', () => {
  it('finds the fixture edition where --raw points and 2009 in raw/', () => {
    expect(diff.a.year).toBe(2009);
    expect(diff.b.year).toBe(2010);
    expect(resolveEdition({ year: 2009, raw: FIXTURE_RAW }).rawDir).toBe(join(REPO_ROOT, 'raw', '2009'));
  });

  it('finds the added initiative and the removed one, and no others', () => {
    expect(of('tillagd')).toEqual([
      {
        typ: 'tillagd',
        entity_a: '',
        entity_b: 'fiktivia-testkluster',
        namn: 'Fiktivia Testkluster',
        falt: 'utfall',
        fran: '',
        till: 'list1',
      },
    ]);
    expect(of('borttagen')).toEqual([
      {
        typ: 'borttagen',
        entity_a: 'rock-city',
        entity_b: '',
        namn: 'Rock City',
        falt: 'utfall',
        fran: 'list2-strategic',
        till: '',
      },
    ]);
  });

  it('finds the renames with both ids and the evidence that carried them, not as additions and removals', () => {
    expect(of('namnbyte')).toEqual([
      {
        typ: 'namnbyte',
        entity_a: 'halsans-nya-verktyg',
        entity_b: 'halsans-verktyg-ost',
        namn: 'Hälsans Verktyg Öst',
        falt: 'namn',
        fran: 'Hälsans nya verktyg',
        till: 'Hälsans Verktyg Öst',
        grund: 'webbadress, postnummer, telefon, e-post',
      },
      // A new name and a new web address: the postal address, phone and e-mail carry the identity.
      {
        typ: 'namnbyte',
        entity_a: 'svenskt-marintekniskt-forum',
        entity_b: 'maritimt-kluster-vastsverige',
        namn: 'Maritimt Kluster Västsverige',
        falt: 'namn',
        fran: 'Svenskt Marintekniskt Forum',
        till: 'Maritimt Kluster Västsverige',
        grund: 'postnummer, telefon, e-post',
      },
    ]);
    expect(diff.renames).toHaveLength(2);
    expect(
      diff.renames.find((r) => r.entity_b === 'halsans-verktyg-ost')?.sannolikhet,
    ).toBeGreaterThanOrEqual(0.95);
    expect(change('faktaandring', 'maritimt-kluster-vastsverige', 'internetadress')).toMatchObject({
      fran: 'www.smtf.se',
      till: 'www.maritimtkluster.se',
    });
  });

  it('finds each move: list 2 → list 1, list 1 → out, transnational → strategic', () => {
    expect(of('flyttad').map((c) => [c.entity_a, c.entity_b, c.fran, c.till])).toEqual([
      ['medcoast-scandinavia', 'medcoast-scandinavia', 'list2-transnational', 'list2-strategic'],
      ['polymercentrum', 'polymercentrum', 'list2-strategic', 'list1'],
      ['tunga-fordon', 'tunga-fordon', 'list1', 'rejected'],
    ]);
  });

  it('finds each changed fact-sheet field with its old and new value', () => {
    const contact = change('faktaandring', 'telecom-city', 'kontaktperson');
    expect(contact.fran).toContain('Richard Lidén');
    expect(contact.till).toContain('Sara Syntetisk');
    expect(change('faktaandring', 'kista-science-city', 'antal_medlemsforetag')).toMatchObject({
      fran: 'Ca 520',
      till: 'Ca 540',
    });
    const funders = change('faktaandring', 'robotdalen', 'finansiarer');
    expect(funders.till).toBe(`${funders.fran}, Syntetiska testfonden`);
    expect(change('faktaandring', 'medcoast-scandinavia', 'geografiskt_omrade')).toMatchObject({
      fran: 'Göteborg/Oslo',
      till: 'Göteborg',
    });
    expect(change('faktaandring', 'polymercentrum', 'antal_medlemsforetag')).toMatchObject({
      fran: '',
      till: 'Ca 45',
    });
    // Rejected, Tunga Fordon has no fact sheet any more: one row, not one per field.
    expect(change('faktaandring', 'tunga-fordon', 'faktablad')).toMatchObject({
      fran: 'tunga-fordon',
      till: '',
    });
    expect(of('faktaandring')).toHaveLength(8);
  });

  it('finds the changed assessments', () => {
    expect(change('bedomningsandring', 'netport', 'kriterium_2.bedomning')).toMatchObject({
      fran: 'okänt',
      till: 'delvis',
    });
    expect(change('bedomningsandring', 'tunga-fordon', 'aktiv')).toMatchObject({ fran: 'ja', till: 'nej' });
    expect(change('bedomningsandring', 'polymercentrum', 'beslut')).toMatchObject({
      fran: 'lista2',
      till: 'lista1',
    });
    expect(change('bedomningsandring', 'medcoast-scandinavia', 'organisationstyp')).toMatchObject({
      fran: 'transnationellt nätverk',
      till: 'strategiskt nätverk',
    });
    expect(new Set(of('bedomningsandring').map((c) => c.entity_b))).toEqual(
      new Set(['medcoast-scandinavia', 'netport', 'polymercentrum', 'tunga-fordon']),
    );
  });

  it('finds the new statistics year and the employment and LQ changes per initiative', () => {
    // SCB RAMS: information and communication (J) in Stockholms län, 2008 and 2009.
    expect(change('sysselsattning', 'kista-science-city', 'ar')).toMatchObject({
      fran: '2008',
      till: '2009',
    });
    expect(change('sysselsattning', 'kista-science-city', 'sysselsatta')).toMatchObject({
      fran: '81428',
      till: '79838',
    });
    expect(change('sysselsattning', 'kista-science-city', 'lq')).toMatchObject({
      fran: '2.0157',
      till: '1.9742',
    });
    // The renamed initiative is compared across its two ids.
    expect(change('sysselsattning', 'halsans-verktyg-ost', 'sysselsatta')).toMatchObject({
      entity_a: 'halsans-nya-verktyg',
      fran: '32048',
      till: '31540',
    });
    // Every initiative with figures in both editions moved from 2008 to 2009.
    const years = of('sysselsattning').filter((c) => c.falt === 'ar');
    expect(years.filter((c) => c.fran === '2008' && c.till === '2009')).toHaveLength(66);
    expect(diff.a.statistikar).toEqual([2008]);
    expect(diff.b.statistikar).toEqual([2009]);
    expect(diff.b.riketTotalt).toBe(4_280_743);
    expect(diff.a.riketTotalt).toBe(4_406_789);
  });

  it('reports the list added, the list dropped and the new column', () => {
    expect(of('form').map((c) => [c.namn, c.falt, c.fran, c.till])).toEqual([
      ['k2-syntetiskt-register-2010.csv', 'kallista', '', 'Syntetiskt klusterregister'],
      ['k2-visanu-2003.csv', 'kallista', 'Visanu', ''],
      ['k1-region-halland.csv', 'kolumn', '', 'Senast uppdaterad'],
    ]);
  });

  it('reads a build folder with a stage missing as an edition of another shape', async () => {
    const partial = join(dir, '2009-utan-employment');
    for (const stage of ['ingest', 'dedupe', 'criteria'])
      cpSync(join(REPO_ROOT, 'build', '2009', stage), join(partial, stage), { recursive: true });
    const d = await diffEditions(
      await readEditionOutputs(duck, join(REPO_ROOT, 'build', '2009')),
      await readEditionOutputs(duck, partial, { label: '2009 utan sysselsättning' }),
    );
    expect(d.changes.filter((c) => c.typ === 'form').map((c) => [c.namn, c.falt, c.fran, c.till])).toEqual([
      ['employment/entity_employment', 'tabell', 'finns', 'saknas'],
      ['employment/entity_lan', 'tabell', 'finns', 'saknas'],
    ]);
    expect(new Set(d.changes.map((c) => c.typ))).toEqual(new Set(['sysselsattning', 'form']));
  });

  it("shows the rename of name and web address as one rename in the 2010 report's chapter on changes", () => {
    const html = readFileSync(
      join(resolveEdition({ year: 2010, raw: FIXTURE_RAW }).buildDir, 'report', 'kartlaggning-2010.html'),
      'utf8',
    );
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const section = (from: string, to: string) => {
      const start = text.indexOf(from);
      const end = text.indexOf(to, start);
      expect(start, from).toBeGreaterThan(0);
      expect(end, to).toBeGreaterThan(start);
      return text.slice(start, end);
    };
    const renames = section('Namnbyten Tidigare namn', 'Flyttade initiativ');
    expect(renames).toContain(
      'Svenskt Marintekniskt Forum Maritimt Kluster Västsverige postnummer, telefon, e-post',
    );
    expect(section('Initiativ som inte längre finns med', 'Namnbyten')).not.toContain('Marintekniskt');
    expect(section('Nya initiativ', 'Initiativ som inte längre finns med')).not.toContain('Maritimt');
  });

  it('finds no change between 2009 and itself', () => {
    expect(self.changes).toEqual([]);
    expect(self.matched).toBe(85);
  });

  it('writes the files and a chapter that names the changes', () => {
    const files = writeDiff(diff, join(dir, '2009-2010'));
    // Multi-line values (contacts) survive the CSV: read back, it is the list of changes.
    const rows = parse(readFileSync(files.changes, 'utf8'), { columns: true }) as Change[];
    expect(rows).toEqual(diff.changes.map((c) => ({ ...c, grund: c.grund ?? '' })));
    const html = readFileSync(files.html, 'utf8');
    for (const text of [
      'Fiktivia Testkluster',
      'Rock City',
      'Hälsans Verktyg Öst',
      'Maritimt Kluster Västsverige',
      'Senast uppdaterad',
    ])
      expect(html).toContain(text);
    const { kapitel, rader } = chapterFacts(diff);
    const text = JSON.stringify(rader);
    for (const name of [
      'Fiktivia Testkluster',
      'Rock City',
      'Hälsans nya verktyg',
      'Tunga Fordon',
      'Polymercentrum',
    ])
      expect(text).toContain(name);
    // The chapter on changes shows the rename of name and web address as one rename, with its evidence.
    const cells = (grupp: string) =>
      rader.filter((r) => r.grupp === grupp).map((r) => [r.cell1, r.cell2, r.cell3]);
    expect(cells('namnbyte')).toContainEqual([
      'Svenskt Marintekniskt Forum',
      'Maritimt Kluster Västsverige',
      'postnummer, telefon, e-post',
    ]);
    expect(cells('tillagd').map(([namn]) => namn)).toEqual(['Fiktivia Testkluster']);
    expect(cells('borttagen').map(([namn]) => namn)).toEqual(['Rock City']);
    expect(kapitel.riket_b).toBe(4_280_743);
  });
});
