import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendTable, Duck, sqlOfFile } from '../src/duck.ts';

describe('SQL from files and rows through the appender', () => {
  let duck: Duck;
  let dir: string;
  beforeAll(async () => {
    duck = await Duck.open();
    dir = mkdtempSync(join(tmpdir(), 'kk-duck-'));
  });
  afterAll(() => {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands doubles over exactly, nulls as NULL, and reads them back through a file', async () => {
    // 0.1 + 0.2 is not 0.3: a value that a decimal literal would round.
    const p = 0.1 + 0.2;
    await appendTable(duck, 't', { a: 'INTEGER', p: 'DOUBLE', etikett: 'VARCHAR', ja: 'BOOLEAN' }, [
      [2, p, "o'lika", true],
      [1, 1e-300, null, false],
    ]);
    const file = join(dir, 'pick.sql');
    writeFileSync(
      file,
      "-- rows of {{ var('table') }}\nSELECT a, p, etikett, ja FROM {{ var('table') }} WHERE {{ var('where') }} ORDER BY a\n",
    );
    const rows = await duck.rowsOfFile<{ a: number; p: number; etikett: string | null; ja: boolean }>(file, {
      table: 't',
      where: 'p > 0',
    });
    expect(rows).toEqual([
      { a: 1, p: 1e-300, etikett: null, ja: false },
      { a: 2, p, etikett: "o'lika", ja: true },
    ]);
    expect(await duck.count('t')).toBe(2);
    expect(await duck.hasTable('t')).toBe(true);
    expect(await duck.hasTable('u')).toBe(false);
    await duck.run('CREATE VIEW v AS SELECT 1 AS x');
    expect(await duck.hasTable('v')).toBe(true);
    // DuckDB's own views (its catalog functions') are none of the connection's tables.
    expect(await duck.hasTable('duckdb_tables')).toBe(false);
    const ids = join(dir, 'ids.sql');
    writeFileSync(ids, "SELECT a FROM {{ var('table') }} WHERE {{ var('where') }}\n");
    expect(await duck.intColumns(sqlOfFile(ids, { table: 't', where: 'ja' }))).toEqual([[2]]);
  });

  it('names a placeholder that has no value', () => {
    const file = join(dir, 'missing.sql');
    writeFileSync(file, "SELECT {{ var('x') }}");
    expect(() => sqlOfFile(file, {})).toThrow("SQL placeholder {{ var('x') }} has no value");
  });
});
