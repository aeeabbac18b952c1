// The algorithm on 10 000 SYNTHETIC records (tests/synthetic/dedupe-records.ts): typos, dropped diacritics,
// reordered words, acronyms, legal forms, umbrella hosts and near-identical names of distinct initiatives.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '@kk/core';
import { loadModel, resolveEntities } from '@kk/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDedupeRecords,
  loadDedupeRecords,
  type SyntheticRecord,
} from '../../../tests/synthetic/dedupe-records.ts';
import { type PairMetrics, pairMetrics } from '../bench/metrics.ts';

const N = 10_000;
let records: SyntheticRecord[];
let duck: Duck;
let metrics: PairMetrics;

beforeAll(async () => {
  records = generateDedupeRecords(N);
  duck = await Duck.open();
  await loadDedupeRecords(duck, 'syn', records, join(tmpdir(), `kk-syn-${process.pid}.ndjson`));
  await resolveEntities(duck, 'syn', { model: loadModel() });
  await duck.run('CREATE TABLE truth AS SELECT record_id, entity FROM syn');
  metrics = await pairMetrics(duck, 'dd_cluster', 'truth');
  console.log(
    `synthetic ${N}: precision ${metrics.precision.toFixed(4)}, recall ${metrics.recall.toFixed(4)}, ` +
      `F1 ${metrics.f1.toFixed(4)} (${metrics.truePositives} of ${metrics.predictedPairs} linked pairs true, ` +
      `${metrics.truePairs} true pairs)`,
  );
});

afterAll(() => duck?.close());

const digest = (rs: SyntheticRecord[]) => createHash('sha256').update(JSON.stringify(rs)).digest('hex');

describe('the synthetic generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(digest(generateDedupeRecords(500))).toBe(digest(generateDedupeRecords(500)));
    expect(digest(generateDedupeRecords(500, 7))).not.toBe(digest(generateDedupeRecords(500)));
    expect(records).toHaveLength(N);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(N);
  });

  it('puts several initiatives on one umbrella host, under different paths', () => {
    const byHost = new Map<string, Set<string>>();
    for (const r of records) {
      if (!r.webb_canonical?.includes('/')) continue;
      const host = r.webb_canonical.split(/[/?]/)[0];
      byHost.set(host, (byHost.get(host) ?? new Set()).add(r.entity));
    }
    const crowded = [...byHost.values()].filter((s) => s.size >= 10);
    expect(crowded.length).toBeGreaterThan(10);
  });

  it('has distinct initiatives whose names differ by one word, often sharing an office', () => {
    const names = new Map<string, string>();
    for (const r of records) names.set(r.entity, names.get(r.entity) ?? r.namn);
    const byPrefix = new Map<string, Set<string>>();
    for (const [entity, name] of names) {
      const words = name.split(' ');
      if (words.length < 3) continue;
      const key = words.slice(0, -1).join(' ');
      byPrefix.set(key, (byPrefix.get(key) ?? new Set()).add(entity));
    }
    expect([...byPrefix.values()].filter((s) => s.size >= 2).length).toBeGreaterThan(100);
  });

  it('spells one initiative in many ways', () => {
    const acronymOnly = records.filter((r) => /^[A-ZÅÄÖØ]{2,6}$/.test(r.namn)).length;
    const accented = new Set(records.filter((r) => /[åäöøÅÄÖØ]/.test(r.namn)).map((r) => r.entity));
    const ascii = records.filter((r) => accented.has(r.entity) && !/[åäöøÅÄÖØ]/.test(r.namn)).length;
    const legal = records.filter((r) => / AB$| ek\. för\.$|^Stiftelsen /.test(r.namn)).length;
    expect(acronymOnly).toBeGreaterThan(100);
    expect(ascii).toBeGreaterThan(100);
    expect(legal).toBeGreaterThan(100);
  });
});

describe('dedupe on 10 000 synthetic records', () => {
  it('reaches F1 ≥ 0.98', () => {
    expect(metrics.f1).toBeGreaterThanOrEqual(0.98);
  });

  it('merges almost nothing that is distinct (precision ≥ 0.99)', () => {
    expect(metrics.precision).toBeGreaterThanOrEqual(0.99);
  });

  it('gives the same clusters whatever the order of the records', async () => {
    const shuffled = await Duck.open();
    try {
      const reversed = [...records]
        .reverse()
        .map((r) => ({ ...r, record_id: `x${r.record_id.split('').reverse().join('')}` }));
      await loadDedupeRecords(shuffled, 'syn', reversed, join(tmpdir(), `kk-syn-r-${process.pid}.ndjson`));
      await resolveEntities(shuffled, 'syn', { model: loadModel() });
      await shuffled.run('CREATE TABLE truth AS SELECT record_id, entity FROM syn');
      const again = await pairMetrics(shuffled, 'dd_cluster', 'truth');
      expect(again.predictedPairs).toBe(metrics.predictedPairs);
      expect(again.truePositives).toBe(metrics.truePositives);
    } finally {
      shuffled.close();
    }
  });
});
