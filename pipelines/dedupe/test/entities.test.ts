// Entity ids: derived from the initiative (fact sheet id, else the slug of its preferred name), never from
// row order, with a fixed disambiguation when two initiatives would get the same id.

import { loadModel } from '@kk/matching';
import { describe, expect, it } from 'vitest';
import { assignEntityIds, type EntityCandidate, slugify } from '../src/entities.ts';

describe('entity ids', () => {
  it('slugs names to ASCII: å/ä→a, ö/ø→o, æ→ae, lower case, single hyphens', () => {
    expect(slugify('Øresund Food Network (ØFN)')).toBe('oresund-food-network-ofn');
    expect(slugify('Mötesplats Upplevelseindustrin Hällefors')).toBe(
      'motesplats-upplevelseindustrin-hallefors',
    );
    expect(slugify('Ærø – Café & Co')).toBe('aero-cafe-co');
    expect(slugify('  Peak Business and Sports AB ')).toBe('peak-business-and-sports-ab');
  });

  const e = (cluster: number, name: string, extra: Partial<EntityCandidate> = {}): EntityCandidate => ({
    cluster,
    factsheetId: null,
    name,
    domain: null,
    names: [name],
    ...extra,
  });

  it('gives a fact sheet entity the fact sheet id, and others the slug of their name', () => {
    const ids = assignEntityIds([
      e(1, 'MMSS – Moving Media Southern Sweden', { factsheetId: 'moving-media-southern-sweden' }),
      e(7, 'Biofuel Region'),
    ]);
    expect(ids.get(1)).toBe('moving-media-southern-sweden');
    expect(ids.get(7)).toBe('biofuel-region');
  });

  it('tells same-named entities apart by web domain, then by number, whatever their order', () => {
    const list = [
      e(3, 'Glasriket', { domain: 'glasriket2', names: ['Glasriket'] }),
      e(9, 'Glasriket', { factsheetId: null, domain: null, names: ['GLASRIKET', 'Glasriket'] }),
      e(5, 'Glasriket', { domain: null, names: ['Glasriket'] }),
      e(2, 'glasriket', { factsheetId: 'glasriket' }),
    ];
    const a = assignEntityIds(list);
    const b = assignEntityIds([...list].reverse());
    expect(a.get(2)).toBe('glasriket');
    expect(a.get(3)).toBe('glasriket-glasriket2');
    expect(new Set([a.get(5), a.get(9)])).toEqual(new Set(['glasriket-2', 'glasriket-3']));
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
    expect(new Set(a.values()).size).toBe(4);
  });
});

describe('the model', () => {
  it('reads config/model.json with thresholds in order and every level documented', () => {
    const m = loadModel();
    expect(m.thresholds.veto_bits).toBeLessThan(0);
    expect(m.thresholds.review).toBeLessThan(m.thresholds.match);
    for (const f of Object.values(m.features)) {
      for (const l of Object.values(f.levels)) expect(l.doc.length).toBeGreaterThan(10);
    }
  });
});
