import { describe, expect, it } from 'vitest';
import { applyOverride, type GeoReference, resolveGeography } from '../src/index.ts';

// Synthetic: a region spanning three counties, and a county named outright.
const ref: GeoReference = {
  lan: [
    { lan_kod: '17', lan_namn: 'Värmlands län', lan_kortnamn: 'Värmland' },
    { lan_kod: '18', lan_namn: 'Örebro län', lan_kortnamn: 'Örebro' },
    { lan_kod: '19', lan_namn: 'Västmanlands län', lan_kortnamn: 'Västmanland' },
    { lan_kod: '20', lan_namn: 'Dalarnas län', lan_kortnamn: 'Dalarna' },
  ],
  kommuner: [{ kommun_kod: '1880', kommun_namn: 'Örebro', lan_kod: '18' }],
  lanAlias: [],
  gazetteer: [{ namn: 'Bergslagen', typ: 'region', lan_koder: '17;18;19;20', land: '' }],
};
const note = 'synthetic';

describe('applyOverride', () => {
  it('narrows a region to the counties chosen', () => {
    const r = resolveGeography('Bergslagen', ref);
    expect(applyOverride(r, { lan_koder: ['20', '19'], anmarkning: note })).toEqual({
      ok: true,
      lan: ['19', '20'],
    });
  });

  it('keeps counties the text names, refuses to drop them', () => {
    const r = resolveGeography('Värmland och Bergslagen', ref);
    expect(applyOverride(r, { lan_koder: ['17', '19'], anmarkning: note })).toEqual({
      ok: true,
      lan: ['17', '19'],
    });
    expect(applyOverride(r, { lan_koder: ['19'], anmarkning: note })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/drops 17/),
    });
  });

  it('refuses counties outside the text’s reach, empty choices and texts without a region', () => {
    const r = resolveGeography('Bergslagen', ref);
    expect(applyOverride(r, { lan_koder: ['01'], anmarkning: note })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/adds 01/),
    });
    expect(applyOverride(r, { lan_koder: [], anmarkning: note })).toMatchObject({ ok: false });
    const plain = resolveGeography('Värmland, Örebro', ref);
    expect(applyOverride(plain, { lan_koder: ['17'], anmarkning: note })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/names no region/),
    });
  });
});
