import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readKriterier, readSkaltexter } from '../src/raw.ts';
import {
  andel,
  applyRule as applyRuleWith,
  type Bedomd,
  type Bedomning,
  type Beslut,
  type JaNejOkant,
  type Organisationstyp,
} from '../src/rule.ts';

const FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'criteria', 'regel-fall.csv');
// The reasons' wording as the 2009 edition gives it (criteria/skal.csv, kriterier.csv).
const RAW_2009 = join(REPO_ROOT, 'raw', '2009');
const texts = readSkaltexter(RAW_2009, readKriterier(RAW_2009));
const applyRule = (b: Bedomd | null) => applyRuleWith(b, texts);
const cases: Record<string, string>[] = parse(readFileSync(FIXTURE, 'utf8'), { columns: true });

function assessment(c: Record<string, string>): Bedomd {
  return {
    aktiv: c.aktiv as JaNejOkant,
    inaktivSedan: c.inaktiv_sedan ? Number(c.inaktiv_sedan) : null,
    egenWebbplats: c.egen_webbplats as JaNejOkant,
    organisationstyp: c.organisationstyp as Organisationstyp,
    beslut: c.beslut as Beslut,
    motivering: c.motivering,
    kriterier: {
      1: c.k1 as Bedomning,
      2: c.k2 as Bedomning,
      3: c.k3 as Bedomning,
      4: c.k4 as Bedomning,
      5: c.k5 as Bedomning,
      6: c.k6 as Bedomning,
    },
    utlandskaOrter: c.utlandska_orter ? c.utlandska_orter.split(';') : [],
    geografiKand: c.geografi_kand === 'ja',
  };
}

describe('the sorting rule, one synthetic case per branch (tests/fixtures/criteria/regel-fall.csv)', () => {
  it('the fixture is synthetic and covers every reason code', () => {
    expect(new Set(cases.map((c) => c.proveniens))).toEqual(new Set(['synthetic']));
    expect(new Set(cases.map((c) => c.skal))).toEqual(
      new Set([
        'alla-kriterier',
        'undantag',
        'strategiskt-natverk',
        'transnationellt-natverk',
        'inaktiv',
        'ingen-egen-webbplats',
        'foretagsnatverk',
        'annan-organisationstyp',
        'kriterium-ej-uppfyllt',
        'aktivitet-okand',
        'webbplats-okand',
        'kriterium-okant',
      ]),
    );
  });

  it.each(cases.map((c) => [c.fall, c] as const))('%s', (_, c) => {
    const u = applyRule(assessment(c));
    expect(u.utfall).toBe(c.utfall);
    expect(u.skal.kod).toBe(c.skal);
    expect(u.skal.kriterium ?? '').toBe(c.skal_kriterium ? Number(c.skal_kriterium) : '');
    expect(u.contradictions.map((i) => i.falt)).toEqual(c.invandning ? [c.invandning] : []);
  });
});

describe('what the rule says about its outcome', () => {
  const base = assessment(cases[0]);

  it('an unassessed entity is rejected as "ej bedömd", never kept', () => {
    const u = applyRule(null);
    expect(u.utfall).toBe('rejected');
    expect(u.skal).toEqual({ kod: 'ej-bedomd', text: 'ej bedömd' });
  });

  it('an exception lists every criterion it does not meet, in order', () => {
    const u = applyRule({
      ...base,
      motivering: 'Mycket stark i övrigt',
      kriterier: { ...base.kriterier, 6: 'okänt', 3: 'ej uppfyllt' },
    });
    expect(u.utfall).toBe('list1');
    expect(u.undantag?.map((f) => [f.kod, f.kriterium])).toEqual([
      ['kriterium-ej-uppfyllt', 3],
      ['kriterium-okant', 6],
    ]);
    expect(u.skal.text).toBe(
      'undantag: kriterium 3 (forskning och innovationsförmåga) ej uppfyllt; kriterium 6 (kompetensförsörjning) okänt',
    );
  });

  it('the reason for an inactive entity names the year, and a transnational one its foreign places', () => {
    expect(applyRule({ ...base, aktiv: 'nej', inaktivSedan: 2006, beslut: 'bort' }).skal.text).toBe(
      'inaktiv sedan 2006',
    );
    const t = applyRule({
      ...base,
      beslut: 'lista2',
      organisationstyp: 'transnationellt nätverk',
      utlandskaOrter: ['Öresund'],
    });
    expect(t.skal.text).toBe('transnationellt nätverk (Öresund)');
  });

  it('the share of sub-indicators met is met/judged, null when none was judged', () => {
    expect(andel([1, 3], [1, 2, 3, 4])).toBe(0.5);
    expect(andel([], [1, 2])).toBe(0);
    expect(andel([], [])).toBeNull();
  });
});
