import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendIntColumns, appendTable, Duck, sqlOfFile } from '../src/duck.ts';

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

  it('appends more rows than one vector holds, in their order, each value where it was given', async () => {
    // 2 048 rows a chunk: 5 000 rows end in a part chunk; every fifth value is null, numbers go into text as text.
    const n = 5000;
    await appendTable(
      duck,
      'many',
      { i: 'INTEGER', x: 'DOUBLE', s: 'VARCHAR', b: 'BOOLEAN' },
      (function* () {
        for (let i = 0; i < n; i++)
          yield [i, i % 5 === 0 ? null : i / 7, i % 5 === 1 ? null : i, i % 3 === 0];
      })(),
    );
    const rows = await duck.rows<{ i: number; x: number | null; s: string | null; b: boolean }>(
      'SELECT * FROM many',
    );
    expect(rows).toHaveLength(n);
    rows.forEach((r, i) => {
      expect(r).toEqual({
        i,
        x: i % 5 === 0 ? null : i / 7,
        s: i % 5 === 1 ? null : String(i),
        b: i % 3 === 0,
      });
    });
    await appendTable(duck, 'none', { i: 'INTEGER' }, []);
    expect(await duck.count('none')).toBe(0);
    // Whole integer columns: typed arrays, the same table as rows would give.
    const a = Int32Array.from({ length: n }, (_, i) => n - i);
    const b = Int32Array.from({ length: n }, (_, i) => -i);
    await appendIntColumns(duck, 'cols', ['a', 'b'], [a, b]);
    const [ra, rb] = await duck.intColumns('SELECT a, b FROM cols');
    expect(ra).toEqual([...a]);
    expect(rb).toEqual([...b]);
    await appendIntColumns(duck, 'cols0', ['a'], [new Int32Array(0)]);
    expect(await duck.count('cols0')).toBe(0);
    // A value of another type is refused, as DuckDB's appender refused it (a vector would store NaN, or true).
    await expect(appendTable(duck, 'bad', { x: 'DOUBLE' }, [['1.5']])).rejects.toThrow(
      'appendTable bad.x: expected a number, found string 1.5',
    );
    await expect(appendTable(duck, 'bad', { b: 'BOOLEAN' }, [['false']])).rejects.toThrow(
      'expected a boolean, found string false',
    );
    await expect(appendTable(duck, 'bad', { i: 'INTEGER' }, [[2.5]])).rejects.toThrow();
    await expect(appendIntColumns(duck, 'bad', ['a', 'b'], [a, b.subarray(1)])).rejects.toThrow(
      'columns of unequal length',
    );
  });

  it('names a placeholder that has no value', () => {
    const file = join(dir, 'missing.sql');
    writeFileSync(file, "SELECT {{ var('x') }}");
    expect(() => sqlOfFile(file, {})).toThrow("SQL placeholder {{ var('x') }} has no value");
  });
});
