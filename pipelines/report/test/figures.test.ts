import { describe, expect, it } from 'vitest';
import {
  highCriteriaPhrase,
  missingCountiesSentence,
  mostCountiesSentence,
  roughShare,
  universitiesIn,
} from '../src/figures.ts';

describe('sentences of 4.1 handle ties and plurals', () => {
  it('names the missing county, or counties', () => {
    expect(missingCountiesSentence(['Gotland'])).toBe(
      'Gotland är det län som inte representeras av något klusterinitiativ i den framställda listan.',
    );
    expect(missingCountiesSentence(['Gotland', 'Halland'])).toBe(
      'Gotland och Halland är de län som inte representeras av något klusterinitiativ i den framställda listan.',
    );
    expect(missingCountiesSentence([])).toMatch(/^Samtliga län/);
  });

  it('names the counties with the most initiatives and the next, with "vardera" for ties', () => {
    const counts = new Map([
      ['Västra Götaland', 5],
      ['Värmland', 5],
      ['Skåne', 4],
      ['Kronoberg', 4],
      ['Gotland', 0],
    ]);
    expect(mostCountiesSentence(counts)).toBe(
      'Värmland och Västra Götaland är de län med flest klusterinitiativ representerade (5 st. vardera) följt av Kronoberg och Skåne (4 st. vardera).',
    );
    expect(
      mostCountiesSentence(
        new Map([
          ['Skåne', 4],
          ['Halland', 2],
        ]),
      ),
    ).toBe('Skåne är det län med flest klusterinitiativ representerade (4 st.) följt av Halland (2 st.).');
  });

  it('reads universities from a fact-table cell through their aliases', () => {
    const aliases = new Map([
      ['cth', 'Chalmers tekniska högskola'],
      ['kth', 'Kungliga Tekniska högskolan'],
      ['uppsala universitet', 'Uppsala universitet'],
      ['mälardalens högskola', 'Mälardalens högskola'],
    ]);
    expect(universitiesIn('KTH, CTH och Uppsala Universitet', aliases)).toEqual([
      'Kungliga Tekniska högskolan',
      'Chalmers tekniska högskola',
      'Uppsala universitet',
    ]);
    expect(universitiesIn('Högskolan Dalarna, Mälardalens Högskola, etc.', aliases)).toEqual([
      'Mälardalens högskola',
    ]);
  });

  it('rounds shares to five per cent, and names the high criteria of a profile', () => {
    expect(roughShare(17, 85)).toBe('20\u00a0%');
    expect(roughShare(55, 110)).toBe('50\u00a0%');
    const criteria = [2, 4, 5].map((nr) => ({
      nr,
      rubrik: '',
      beskrivning: '',
      diagramtext: '',
      kortnamn: { 2: 'specialisering', 4: 'internationalisering', 5: 'marknadsföring' }[nr] as string,
    }));
    const scores = [
      { entity_id: 'x', kriterium: 2, andel: 0.8 },
      { entity_id: 'x', kriterium: 4, andel: 1 },
      { entity_id: 'x', kriterium: 5, andel: 0.5 },
    ];
    expect(highCriteriaPhrase(scores, criteria)).toBe(
      'specialisering och internationalisering (kriterier 2 och 4)',
    );
  });
});
