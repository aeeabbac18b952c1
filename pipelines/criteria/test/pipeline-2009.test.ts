// The lists in build/2009, as the whole pipeline builds them (the global test setup runs `npm run report`),
// through the real dedupe stage rather than the stand-in: the published lists must come out all the same.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS, LIST1, STRATEGIC, TRANSNATIONAL } from './expected-2009.ts';

const BUILD = join(REPO_ROOT, 'build', '2009');

function csv(rel: string): Record<string, string>[] {
  const path = join(BUILD, rel);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run stage -- criteria --year 2009`);
  return parse(readFileSync(path, 'utf8'), { columns: true });
}

describe('build/2009 after the whole pipeline', () => {
  it('list 1, list 2 by type and the exceptions are the published ones', () => {
    expect(csv('criteria/lista1.csv').map((r) => [r.entity_id, r.namn])).toEqual(LIST1);
    const list2 = csv('criteria/lista2.csv');
    expect(list2.map((r) => [r.entity_id, r.namn, r.typ])).toEqual([
      ...STRATEGIC.map(([id, namn]) => [id, namn, 'strategiskt']),
      ...TRANSNATIONAL.map(([id, namn]) => [id, namn, 'transnationellt']),
    ]);
    expect(csv('criteria/undantag.csv').map((r) => [r.entity_id, r.kriterier])).toEqual(EXCEPTIONS);
  });

  it('the published ledger gives every raw row an outcome that agrees with the lists', () => {
    const ledger = csv('ledger.csv');
    const candidates = csv('ingest/candidates.csv');
    expect(ledger).toHaveLength(candidates.length);
    const outcome = new Map(csv('criteria/beslut.csv').map((r) => [r.entity_id, r.utfall]));
    for (const r of ledger) expect([r.entity_id, r.outcome]).toEqual([r.entity_id, outcome.get(r.entity_id)]);
  });
});
