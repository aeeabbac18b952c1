// Which list rows a fact sheet keeps by last year's entity (a rename needs no decision): only a row whose name
// its list writes once, this edition and the previous. A second row of the same name inserted above it would
// otherwise take its key (list, name, position) and be glued to the fact sheet (found in review).
import { join } from 'node:path';
import { appendTable, Duck } from '@kk/core';
import { describe, expect, it } from 'vitest';

const SQL = join(import.meta.dirname, '..', 'sql', 'unique-name-records.sql');

async function keptRows(now: [string, string][], before: string[]): Promise<string[]> {
  const duck = await Duck.open();
  try {
    await appendTable(duck, 'dd_input_keys', { record_id: 'VARCHAR', nyckel: 'VARCHAR' }, now);
    await appendTable(
      duck,
      'dd_previous_edition_keys',
      { nyckel: 'VARCHAR', entity_id: 'VARCHAR' },
      before.map((nyckel) => [nyckel, 'x']),
    );
    return (await duck.rowsOfFile<{ record_id: string }>(SQL)).map((r) => r.record_id).sort();
  } finally {
    duck.close();
  }
}

describe('list rows a fact sheet keeps by last year’s key', () => {
  it('a name its list writes once, now and last year, is kept; a name written twice is left to the scores', async () => {
    const kept = await keptRows(
      [
        ['r1', 'sources/k1-a.csv|Nyföretagarcentrum|1'], // inserted above last year's row of the same name
        ['r2', 'sources/k1-a.csv|Nyföretagarcentrum|2'],
        ['r3', 'sources/k1-a.csv|Robotdalen|1'],
        ['r4', 'sources/k1-b.csv|Ny rad|1'], // no row of that name last year
      ],
      ['sources/k1-a.csv|Nyföretagarcentrum|1', 'sources/k1-a.csv|Robotdalen|1'],
    );
    expect(kept).toEqual(['r3']);
  });
});
