// The 2009 run must give exactly the report's lists (test/expected-2009.ts), here on a temporary copy of the
// edition with the dedupe stand-in, so that it tests this stage whatever the state of entity resolution.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Manifest, runStage } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempEdition } from '../../../tests/support/edition.ts';
import criteria from '../src/stage.ts';
import { EXCEPTIONS, LIST1, REJECTED, STRATEGIC, TRANSNATIONAL } from './expected-2009.ts';
import { cleanupTemplate, preparedEdition } from './support.ts';

let t: TempEdition;
let manifest: Manifest;
const out = (file: string) => join(t.edition.buildDir, 'criteria', file);
const csv = (file: string): Record<string, string>[] =>
  parse(readFileSync(out(file), 'utf8'), { columns: true });

beforeAll(async () => {
  t = await preparedEdition();
  manifest = await runStage(criteria, t.edition);
});

afterAll(() => {
  t?.cleanup();
  cleanupTemplate();
});

describe('the 2009 run gives the published lists', () => {
  it('39 in list 1, 29 in list 2 (22 strategic, 7 transnational), 17 rejected', () => {
    expect(manifest.rows).toMatchObject({
      lista1: 39,
      lista2: 29,
      bortsorterade: 17,
      undantag: 4,
      beslut: 85,
    });
    expect(manifest.warnings).toEqual([]);
  });

  it('list 1: every member, with its name as in the report and in the report’s order', () => {
    expect(csv('lista1.csv').map((r) => [r.entity_id, r.namn])).toEqual(LIST1);
  });

  it('list 2: every strategic network, then every transnational one, with its type', () => {
    const rows = csv('lista2.csv');
    expect(rows.map((r) => [r.entity_id, r.namn])).toEqual([...STRATEGIC, ...TRANSNATIONAL]);
    expect(rows.filter((r) => r.typ === 'strategiskt').map((r) => r.entity_id)).toEqual(
      STRATEGIC.map(([id]) => id),
    );
    expect(rows.filter((r) => r.typ === 'transnationellt').map((r) => r.entity_id)).toEqual(
      TRANSNATIONAL.map(([id]) => id),
    );
  });

  it('transnational follows from geography: the Øresund networks and MedCoast (Oslo); Internet Bay and Medicon Valley stay in list 1', () => {
    const foreign = Object.fromEntries(csv('beslut.csv').map((r) => [r.entity_id, r.utlandska_orter]));
    for (const [id] of TRANSNATIONAL.slice(0, 6)) expect(foreign[id]).toBe('Öresund');
    expect(foreign['medcoast-scandinavia']).toBe('Oslo');
    expect(foreign['internet-bay']).toBe('Oulu (Finland)');
    expect(foreign['medicon-valley']).toBe('Öresund');
    for (const [id] of STRATEGIC) expect(foreign[id]).toBe('');
  });

  it('every exception to the rule, with the criteria it does not meet and a motivation', () => {
    const rows = csv('undantag.csv');
    expect(rows.map((r) => [r.entity_id, r.kriterier])).toEqual(EXCEPTIONS);
    for (const r of rows) expect(r.motivering).toMatch(/^Undantag \(4\.2\): .+Togs ändå med: .{40,}/);
    const flagged = csv('lista1.csv').filter((r) => r.undantag === 'true');
    expect(flagged.map((r) => r.entity_id).sort()).toEqual(EXCEPTIONS.map(([id]) => id).sort());
  });

  it('every other list-1 member is there by the rule: all six criteria met', () => {
    const exceptions = new Set(EXCEPTIONS.map(([id]) => id));
    for (const r of csv('beslut.csv').filter((r) => r.utfall === 'list1' && !exceptions.has(r.entity_id))) {
      expect([r.entity_id, r.skal_kod]).toEqual([r.entity_id, 'alla-kriterier']);
    }
  });

  it('every rejected candidate with its first failing reason and step', () => {
    expect(
      csv('bortsorterade.csv')
        .map((r) => [r.entity_id, r.skal_kod, r.steg])
        .sort(),
    ).toEqual(REJECTED);
  });
});

describe('the ledger', () => {
  it('has an outcome and a reason for every one of the 201 raw rows and is published at build/2009/ledger.csv', () => {
    const rows = csv('ledger.csv');
    expect(rows).toHaveLength(201);
    expect(Object.keys(rows[0])).toEqual([
      'source_file',
      'source_line',
      'raw_name',
      'entity_id',
      'entity_name',
      'outcome',
      'reason',
    ]);
    for (const r of rows) {
      expect(['list1', 'list2-strategic', 'list2-transnational', 'rejected']).toContain(r.outcome);
      expect(r.reason).not.toBe('');
    }
    const entities = (outcome: string) =>
      new Set(rows.filter((r) => r.outcome === outcome).map((r) => r.entity_id)).size;
    expect([
      entities('list1'),
      entities('list2-strategic'),
      entities('list2-transnational'),
      entities('rejected'),
    ]).toEqual([39, 22, 7, 17]);
    expect(readFileSync(join(t.edition.buildDir, 'ledger.csv'), 'utf8')).toBe(
      readFileSync(out('ledger.csv'), 'utf8'),
    );
  });
});

describe('scores for Diagram 1', () => {
  it('a share 0–1 per entity and criterion where sub-indicators were judged, otherwise empty', () => {
    const rows = csv('poang.csv');
    expect(rows).toHaveLength(85 * 6);
    for (const r of rows) {
      if (r.andel === '') expect(r.bedomda === '' || r.bedomda === '0').toBe(true);
      else {
        const a = Number(r.andel);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1);
        expect(a).toBeCloseTo(Number(r.uppfyllda) / Number(r.bedomda), 10);
      }
    }
    const list1 = new Set(LIST1.map(([id]) => id));
    for (const r of rows.filter((r) => list1.has(r.entity_id))) expect(r.andel).not.toBe('');
    const spga = rows.find(
      (r) => r.entity_id === 'swedish-proving-ground-association' && r.kriterium === '3',
    );
    expect([spga?.uppfyllda, spga?.bedomda]).toEqual(['1', '3']);
  });
});

describe('repeatable', () => {
  it('a second run on the same inputs writes byte-identical outputs', async () => {
    const again = await runStage(criteria, t.edition);
    expect(again.outputs).toEqual(manifest.outputs);
  });
});
