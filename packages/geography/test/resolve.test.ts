import { describe, expect, it } from 'vitest';
import {
  describeUnknown,
  type GeoReference,
  jaroWinkler,
  resolveGeography,
  splitPlaces,
  suggestNames,
} from '../src/index.ts';

// A small synthetic reference in the shape of stage 1's tables (real codes, a handful of rows).
const ref: GeoReference = {
  lan: [
    { lan_kod: '01', lan_namn: 'Stockholms län', lan_kortnamn: 'Stockholm' },
    { lan_kod: '12', lan_namn: 'Skåne län', lan_kortnamn: 'Skåne' },
    { lan_kod: '14', lan_namn: 'Västra Götalands län', lan_kortnamn: 'Västra Götaland' },
    { lan_kod: '18', lan_namn: 'Örebro län', lan_kortnamn: 'Örebro' },
    { lan_kod: '21', lan_namn: 'Gävleborgs län', lan_kortnamn: 'Gävleborg' },
    { lan_kod: '22', lan_namn: 'Västernorrlands län', lan_kortnamn: 'Västernorrland' },
    { lan_kod: '24', lan_namn: 'Västerbottens län', lan_kortnamn: 'Västerbotten' },
    { lan_kod: '25', lan_namn: 'Norrbottens län', lan_kortnamn: 'Norrbotten' },
  ],
  kommuner: [
    { kommun_kod: '0180', kommun_namn: 'Stockholm', lan_kod: '01' },
    { kommun_kod: '1480', kommun_namn: 'Göteborg', lan_kod: '14' },
    { kommun_kod: '1488', kommun_namn: 'Trollhättan', lan_kod: '14' },
    { kommun_kod: '2180', kommun_namn: 'Gävle', lan_kod: '21' },
    { kommun_kod: '1438', kommun_namn: 'Dals-Ed', lan_kod: '14' },
  ],
  lanAlias: [{ alias: 'Örebro län', lan_kod: '18' }],
  gazetteer: [
    { namn: 'Gävleregionen', typ: 'region', lan_koder: '21', land: '' },
    { namn: 'Öresund', typ: 'region', lan_koder: '12', land: 'DK' },
    { namn: 'Oulu', typ: 'utland', lan_koder: '', land: 'FI' },
    { namn: 'Finland', typ: 'utland', lan_koder: '', land: 'FI' },
    { namn: 'Oslo', typ: 'utland', lan_koder: '', land: 'NO' },
    { namn: 'Kista', typ: 'stadsdel', lan_koder: '01', land: '' },
  ],
};

describe('splitPlaces', () => {
  it('splits at , / ; och samt and parentheses, and knows what a parenthesis qualifies', () => {
    expect(splitPlaces('Värmland, Örebro län samt Norra Dalsland').map((p) => p.text)).toEqual([
      'Värmland',
      'Örebro län',
      'Norra Dalsland',
    ]);
    expect(splitPlaces('Oulu (Finland)')).toEqual([
      { text: 'Oulu', inParens: false, qualifies: undefined },
      { text: 'Finland', inParens: true, qualifies: 0 },
    ]);
    // A comma before the parenthesis: a place of its own.
    expect(splitPlaces('Skåne, (Öresund)')[1]).toEqual({
      text: 'Öresund',
      inParens: true,
      qualifies: undefined,
    });
    expect(splitPlaces('Göteborg/Oslo').map((p) => p.text)).toEqual(['Göteborg', 'Oslo']);
    expect(splitPlaces('Dals-Ed och Trollhättan').map((p) => p.text)).toEqual(['Dals-Ed', 'Trollhättan']);
  });
});

describe('resolveGeography', () => {
  it('is indifferent to case and to the report’s quotation marks', () => {
    expect(resolveGeography('Gävleborg, västernorrland', ref).lan).toEqual(['21', '22']);
    expect(resolveGeography('GÄVLEBORG', ref).lan).toEqual(['21']);
    expect(resolveGeography('”Gävleregionen”', ref)).toMatchObject({ lan: ['21'], unknown: [] });
    expect(resolveGeography('"Gävleregionen"', ref).hits[0]).toMatchObject({
      source: 'gazetteer',
      name: 'Gävleregionen',
    });
    expect(resolveGeography('Örebro Län', ref).lan).toEqual(['18']);
  });

  it('resolves kommuner to their län and names the source of each county', () => {
    const r = resolveGeography('Västra Götaland (Trollhättan)', ref);
    expect(r.lan).toEqual(['14']);
    expect(r.hits.map((h) => h.source)).toEqual(['text', 'kommun']);
    expect(resolveGeography('Stockholm (Kista)', ref).hits.map((h) => h.source)).toEqual([
      'text',
      'gazetteer',
    ]);
  });

  it('keeps foreign places foreign: Oulu (Finland) is one place; Öresund is Skåne and Denmark', () => {
    const oulu = resolveGeography('Norrbotten, Västerbotten, Oulu (Finland)', ref);
    expect(oulu.lan).toEqual(['24', '25']);
    expect(oulu.foreign).toEqual([{ name: 'Oulu', land: 'FI', written: 'Oulu (Finland)' }]);
    const medicon = resolveGeography('Skåne, (Öresund)', ref);
    expect(medicon.lan).toEqual(['12']);
    expect(medicon.foreign).toEqual([{ name: 'Öresund', land: 'DK', written: 'Öresund' }]);
    const medcoast = resolveGeography('Göteborg/Oslo', ref);
    expect([medcoast.lan, medcoast.foreign.map((f) => f.land)]).toEqual([['14'], ['NO']]);
  });

  it('ignores phrases of reach, and reports unknown names', () => {
    expect(resolveGeography('Stockholm (med nationell utbredning)', ref)).toMatchObject({
      lan: ['01'],
      ignored: ['med nationell utbredning'],
      unknown: [],
    });
    expect(resolveGeography('Stockholm, Atlantis', ref)).toMatchObject({
      lan: ['01'],
      unknown: ['Atlantis'],
    });
  });
});

describe('close matches for unknown names', () => {
  it('Jaro–Winkler: identical 1, typo high, unrelated low', () => {
    expect(jaroWinkler('göteborg', 'göteborg')).toBe(1);
    expect(jaroWinkler('göteborgg', 'göteborg')).toBeGreaterThan(0.95);
    expect(jaroWinkler('oslo', 'trollhättan')).toBeLessThan(0.6);
  });

  it('suggests the nearest known names, one per place', () => {
    expect(suggestNames('Gävleregion', ref).map((s) => s.name)).toEqual([
      'Gävleregionen',
      'Gävle',
      'Gävleborg',
    ]);
    expect(suggestNames('Västra Götland', ref)[0].name).toBe('Västra Götaland');
    expect(suggestNames('Xyzzy', ref)).toEqual([]);
  });

  it('describes unknown names for an error message', () => {
    expect(describeUnknown(['Trolhättan', 'Xyzzy'], ref)).toBe(
      '"Trolhättan" (did you mean Trollhättan (kommun i Västra Götalands län)?), "Xyzzy" (no close match; add it to reference/gazetteer.csv)',
    );
  });
});
