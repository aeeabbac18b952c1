import { join } from 'node:path';
import { InputError, readCsv } from '@kk/core';
import { describe, expect, it } from 'vitest';
import { checkStatements, countyCounts, readCountyStatements } from '../src/county-check.ts';
import { assignGeography, type FactGeo, type OverrideRow, readOverrides } from '../src/geography.ts';
import { RAW_2009, rawReference } from './helpers.ts';

const ref = rawReference();
const FILES = {
  factsheets: 'raw/2009/factsheets/factsheets.csv',
  overrides: 'raw/2009/geography/lan-val.csv',
};

function factsheets(): FactGeo[] {
  return readCsv(join(RAW_2009, 'factsheets', 'factsheets.csv'), { encoding: 'utf-8' }).rows.map((r) => ({
    id: r.record.id,
    lista: Number(r.record.lista),
    ordning: Number(r.record.ordning),
    geografiskt_omrade: r.record.geografiskt_omrade.trim(),
    tabell_geografi: r.record.tabell_geografi.trim(),
    source_line: r.line,
  }));
}

const overrides = () => readOverrides(join(RAW_2009, 'geography', 'lan-val.csv')).overrides;

/** Counties per fact sheet, written out by hand from the fact tables, kommuner.csv and gazetteer.csv. */
const EXPECTED: Record<string, string> = {
  // list 1
  'processit-innovations': '24;25',
  'internet-bay': '24;25',
  'swedish-proving-ground-association': '25',
  georange: '24;25',
  'peak-innovation': '23',
  'safety-and-rescue-region': '22;23',
  'framtidens-bioraffinaderi': '22',
  'future-position-x': '21',
  'fiber-optic-valley': '21;22',
  'triple-steelix': '19;20;21',
  'high-voltage-valley': '20',
  'the-paper-province': '17;18',
  'the-packaging-arena': '17',
  compare: '17',
  'stal-och-verkstad': '17;18',
  maltidsriket: '17;18',
  'automation-region': '19',
  robotdalen: '04;18;19',
  'uppsala-bio': '03',
  'kista-science-city': '01',
  'stockholm-miljoteknikcenter': '01',
  biotechvalley: '04',
  'goteborg-bio': '14',
  'automotive-sweden': '14',
  'svenskt-marintekniskt-forum': '14',
  'film-i-vast': '14',
  'smart-textiles': '14',
  'printed-electronics-arena': '04;05',
  'halsans-nya-verktyg': '05',
  'sustainable-sweden-southeast': '07;08;10',
  halsoteknikalliansen: '13',
  aluminiumriket: '07',
  'tunga-fordon': '07',
  mobelriket: '06;07',
  'mobile-heights': '12',
  'moving-media-southern-sweden': '10;12',
  'medicon-valley': '12',
  'skanes-livsmedelsakademi': '12',
  'telecom-city': '10',
  // list 2
  'spaceport-sweden': '25',
  acusticum: '25',
  'tracentrum-norr': '24;25',
  ifor: '24',
  igis: '24',
  'vehicle-technical-centre': '23',
  'packaging-mid-sweden': '22',
  'destination-dalarna': '20',
  boomtown: '20',
  'bergskraft-bergslagen': '17;18;19;20;21',
  'stockholm-uppsala-life-science': '01;03;04',
  'microwave-road': '14',
  'telematics-valley': '14',
  'center-of-visualization': '14',
  polymercentrum: '06',
  ltc: '06',
  'c-sites': '05',
  puck: '08',
  glasriket: '07;08',
  'rock-city': '08',
  trariket: '12',
  netport: '10',
  'oresund-environment': '12',
  'oresund-food-network': '12',
  'oresund-it': '12',
  'oresund-logistics': '12',
  'nano-oresund': '12',
  'oresund-food-excellence': '12',
  'medcoast-scandinavia': '14',
};

describe('geography of the 68 initiatives of 2009', () => {
  const geo = assignGeography(factsheets(), ref, overrides(), FILES);
  const byId = new Map<string, string[]>();
  for (const r of geo.lan) byId.set(r.factsheet_id, [...(byId.get(r.factsheet_id) ?? []), r.lan_kod]);

  it('covers all 68 fact sheets', () => {
    expect(factsheets()).toHaveLength(68);
    expect(Object.keys(EXPECTED)).toHaveLength(68);
    expect([...byId.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s → %s', (id, lan) => {
    expect((byId.get(id) ?? []).sort().join(';')).toBe(lan);
  });

  it('foreign places are kept as foreign', () => {
    expect(geo.foreign.map((f) => `${f.factsheet_id} ${f.namn} ${f.land}`)).toEqual([
      'internet-bay Oulu FI',
      'medicon-valley Öresund DK',
      'oresund-environment Öresund DK',
      'oresund-food-network Öresund DK',
      'oresund-it Öresund DK',
      'oresund-logistics Öresund DK',
      'nano-oresund Öresund DK',
      'oresund-food-excellence Öresund DK',
      'medcoast-scandinavia Oslo NO',
    ]);
  });

  it('says how each county was found', () => {
    const src = (id: string, lan: string) => geo.lan.find((r) => r.factsheet_id === id && r.lan_kod === lan);
    expect(src('fiber-optic-valley', '22')).toMatchObject({ kalla: 'text', via: 'västernorrland' });
    expect(src('peak-innovation', '23')).toMatchObject({ kalla: 'kommun', via: 'Åre, Krokom, Östersund' });
    expect(src('future-position-x', '21')).toMatchObject({ kalla: 'gazetteer', proveniens: 'reconstructed' });
    expect(src('triple-steelix', '20')).toMatchObject({
      kalla: 'override',
      via: 'Bergslagen',
      proveniens: 'reconstructed',
    });
    expect(src('triple-steelix', '20')?.anmarkning).toMatch(
      /Länsstyrelserna Västmanland, Dalarna och Gävleborg/,
    );
    expect(src('aluminiumriket', '07')?.anmarkning).toBe('”med nationell utbredning” är ingen plats');
  });

  it('uses overrides only for texts with region names', () => {
    const overridden = [...new Set(geo.lan.filter((r) => r.kalla === 'override').map((r) => r.factsheet_id))];
    expect(overridden.sort()).toEqual([
      'automation-region',
      'automotive-sweden',
      'stockholm-miljoteknikcenter',
      'the-paper-province',
      'triple-steelix',
    ]);
  });
});

describe('the report’s county figures for 2009 (section 4.1)', () => {
  const lanCodes = ref.lan.map((l) => l.lan_kod);
  const counts = countyCounts(assignGeography(factsheets(), ref, overrides(), FILES).lan, lanCodes);

  it('20 of 21 län covered, Gotland missing', () => {
    expect([...counts.values()].filter((n) => n > 0)).toHaveLength(20);
    expect([...counts].filter(([, n]) => n === 0).map(([c]) => c)).toEqual(['09']);
  });

  it('Västra Götaland and Värmland 5 each and more than any other; Skåne 4', () => {
    expect(counts.get('14')).toBe(5);
    expect(counts.get('17')).toBe(5);
    expect(Math.max(...[...counts].filter(([c]) => c !== '14' && c !== '17').map(([, n]) => n))).toBe(4);
    expect(counts.get('12')).toBe(4);
  });

  it('every county, as counted by hand', () => {
    // biome-ignore format: a table of 21 counties
    expect(Object.fromEntries(counts)).toEqual({
      '01': 2, '03': 1, '04': 3, '05': 2, '06': 1, '07': 4, '08': 1, '09': 0, '10': 3, '12': 4, '13': 1,
      '14': 5, '17': 5, '18': 4, '19': 3, '20': 2, '21': 3, '22': 3, '23': 2, '24': 3, '25': 4,
    });
  });

  it('the statements file holds, and would not without the overrides', () => {
    const { statements } = readCountyStatements(join(RAW_2009, 'geography', 'rapportens-lansiffror.csv'));
    expect(statements).toHaveLength(5);
    expect(checkStatements(counts, statements).every((s) => s.ok)).toBe(true);
    const plain = countyCounts(assignGeography(factsheets(), ref, new Map(), FILES).lan, lanCodes);
    // Bergslagen and Norra Dalsland: Värmland 6, Västra Götaland 6 (and Örebro, Mälardalen's counties up).
    expect([plain.get('17'), plain.get('14')]).toEqual([6, 6]);
    expect(
      checkStatements(plain, statements)
        .filter((s) => !s.ok)
        .map((s) => s.pastaende),
    ).toEqual(['flest', 'antal']);
  });
});

describe('overrides and unknown names are checked', () => {
  const one = (id: string, lan_koder: string[]): Map<string, OverrideRow> =>
    new Map([
      [
        id,
        {
          id,
          lan_koder,
          anmarkning: 'synthetic test override',
          proveniens: 'reconstructed',
          line: 2,
          column: () => 1,
        },
      ],
    ]);
  const refused = (id: string, lan: string[]) => {
    try {
      assignGeography(factsheets(), ref, one(id, lan), FILES);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).message;
    }
    throw new Error('accepted');
  };

  it('an override may not drop a county the text names', () => {
    expect(refused('the-paper-province', ['17'])).toMatch(/drops 18, which the text names explicitly/);
  });

  it('an override may not add a county no name reaches', () => {
    expect(refused('triple-steelix', ['19', '25'])).toMatch(/adds 25/);
  });

  it('an override needs a vague text', () => {
    expect(refused('compare', ['17'])).toMatch(/names no region/);
  });

  it('an override must name a fact sheet', () => {
    expect(refused('no-such-initiative', ['17'])).toMatch(/lan-val\.csv:2:1: expected a fact-sheet id/);
  });

  it('unknown words are an error at the fact sheet, with close matches', () => {
    const facts = factsheets().map((f) =>
      f.id === 'compare' ? { ...f, geografiskt_omrade: 'Värmland, Karlstadd, Norrlan' } : f,
    );
    const line = facts.find((f) => f.id === 'compare')?.source_line;
    const err = (() => {
      try {
        assignGeography(facts, ref, overrides(), FILES);
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err?.location).toEqual({ file: FILES.factsheets, line });
    expect(err?.message).toMatch(/compare/);
    expect(err?.message).toMatch(/"Karlstadd" \(did you mean Karlstad \(kommun i Värmlands län\)/);
    expect(err?.message).toMatch(/"Norrlan"/);
  });
});
