import { describe, expect, it } from 'vitest';
import { type IndustryCode, parseIndustry, parseRegion, settleLevel } from '../src/statistics/labels.ts';
import { sniffLayout } from '../src/statistics/layout.ts';
import { rawReference } from './helpers.ts';

const ref = rawReference();

describe('region cells', () => {
  it.each([
    ['01 Stockholms län', { region_kod: '01', region_niva: 'lan', lan_kod: '01' }],
    ['01 Stockholm county', { region_kod: '01', region_niva: 'lan', lan_kod: '01' }],
    ['0114 Upplands Väsby', { region_kod: '0114', region_niva: 'kommun', lan_kod: '01' }],
    ['1780 Karlstad', { region_kod: '1780', region_niva: 'kommun', lan_kod: '17' }],
    ['00 Riket', { region_kod: '00', region_niva: 'riket', lan_kod: null }],
    ['Sweden', { region_kod: '00', region_niva: 'riket', lan_kod: null }],
    ['17', { region_kod: '17', region_niva: 'lan', lan_kod: '17' }],
    // Without codes: a county's full name, a kommun's name (Gotland is a kommun and a county short name).
    ['Värmlands län', { region_kod: '17', region_niva: 'lan', lan_kod: '17' }],
    ['Karlstad', { region_kod: '1780', region_niva: 'kommun', lan_kod: '17' }],
    ['Gotland', { region_kod: '0980', region_niva: 'kommun', lan_kod: '09' }],
  ])('%s', (label, expected) => {
    expect(parseRegion(label, ref)).toEqual(expected);
  });

  it('unknown codes and names are problems', () => {
    expect(parseRegion('02 Påhittat län', ref)).toEqual({
      problem: 'county code 02 is not in reference/lan.csv',
    });
    expect(parseRegion('0199 Påhittad', ref)).toMatchObject({
      problem: expect.stringMatching(/kommun code 0199/),
    });
    expect(parseRegion('Atlantis', ref)).toMatchObject({ problem: expect.any(String) });
  });
});

describe('industry cells', () => {
  const code = (label: string) => {
    const c = parseIndustry(label, ref) as IndustryCode;
    return [c.niva, c.kod, c.rams_grupp, c.sni_avdelning, c.sni_huvudgrupp];
  };

  it.each([
    ['B+C tillverkning och utvinning', ['rams', 'B+C', 'B+C', null, null]],
    ['R+S+T+U kulturella och personliga tjänster m.m.', ['rams', 'R+S+T+U', 'R+S+T+U', null, null]],
    ['00 okänd verksamhet', ['rams', '00', '00', null, null]],
    ['J information and communication', ['avdelning', 'J', 'J', 'J', null]],
    [
      'N Uthyrning, fastighetsservice, resetjänster och andra stödtjänster',
      ['avdelning', 'N', 'M+N', 'N', null],
    ],
    ['62 Dataprogrammering, datakonsultverksamhet o.d.', ['huvudgrupp', '62', 'J', 'J', '62']],
    ['62.0 Dataprogrammering', ['grupp', '620', 'J', 'J', '62']],
    ['62.01 Dataprogrammering', ['undergrupp', '6201', 'J', 'J', '62']],
    ['62.010 Dataprogrammering', ['detaljgrupp', '62010', 'J', 'J', '62']],
    ['17110 Massaframställning', ['detaljgrupp', '17110', 'B+C', 'C', '17']],
    ['Totalt', ['total', 'total', null, null, null]],
    ['total', ['total', 'total', null, null, null]],
  ])('%s', (label, expected) => {
    expect(code(label)).toEqual(expected);
  });

  it('unknown codes are problems', () => {
    expect(parseIndustry('A+B påhittad', ref)).toMatchObject({
      problem: expect.stringMatching(/RAMS group A\+B is not in reference/),
    });
    expect(parseIndustry('04 Påhittad', ref)).toMatchObject({
      problem: expect.stringMatching(/division 04/),
    });
    expect(parseIndustry('Påhittad näringsgren', ref)).toMatchObject({ problem: expect.any(String) });
  });

  it('single letters are RAMS groups next to RAMS’s own groups, else sections; levels do not mix', () => {
    const p = (labels: string[]) => settleLevel(labels.map((l) => parseIndustry(l, ref) as IndustryCode));
    expect(p(['B+C x', 'J x', '00 okänd'])).toEqual({ level: 'rams' });
    expect(p(['B x', 'C x', 'J x'])).toEqual({ level: 'avdelning' });
    expect(p(['B+C x', 'B x'])).toMatchObject({
      problem: expect.stringMatching(/section B next to RAMS groups/),
    });
    expect(p(['62 x', '62010 x'])).toMatchObject({ problem: expect.stringMatching(/several levels/) });
  });
});

describe('layout', () => {
  it('finds the header after title lines, Swedish or English, wide or long', () => {
    const wide = sniffLayout(
      '"Titel"\r\n\r\n"region","näringsgren SNI 2007","2007","2008"\r\n',
      'f.csv',
      'auto',
    );
    expect(wide).toMatchObject({ headerLine: 3, delimiter: ',', region: 0, industry: 1 });
    expect(wide.years.map((y) => y.ar)).toEqual([2007, 2008]);
    const long = sniffLayout('region\tindustry (SNI 2007)\tsex\tyear\tvalue\n', 'f.csv', 'auto');
    expect(long).toMatchObject({ delimiter: '\t', sex: 2, long: { year: 3, value: 4 } });
  });

  it('refuses two measures in one file', () => {
    expect(() =>
      sniffLayout('"region","näringsgren SNI 2007","antal 2008","andel 2008"\n', 'f.csv', 'auto'),
    ).toThrow(/one measure per file/);
  });
});
