import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableColumnDigests, tableDigest } from '../src/column-digests.ts';
import { Duck, lit } from '../src/duck.ts';
import { fileHash, sha256 } from '../src/hash.ts';

// A reader's digest of the columns it names must change exactly when those columns' types or values (in order)
// change, whether it comes from the producer's manifest or from the file itself.
describe('column digests', () => {
  let duck: Duck;
  let dir: string;
  const open = async () => duck;
  const write = async (name: string, select: string) => {
    const path = join(dir, `${name}.parquet`);
    await duck.run(`COPY (${select}) TO ${lit(path)} (FORMAT parquet)`);
    return path;
  };
  beforeAll(async () => {
    duck = await Duck.open();
    dir = mkdtempSync(join(tmpdir(), 'kk-digests-'));
  });
  afterAll(() => {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("changes with the named columns only, and sees the values' order, where a null stands and a column's type", async () => {
    const base = `SELECT * FROM (VALUES (1, 'Uppsala', 10), (2, NULL, 20), (3, 'Umeå', NULL)) t(id, namn, antal)`;
    const a = await write('a', base);
    const otherAntal = await write(
      'b',
      `SELECT * FROM (VALUES (1, 'Uppsala', 11), (2, NULL, 20), (3, 'Umeå', NULL)) t(id, namn, antal)`,
    );
    const nullMoved = await write(
      'c',
      `SELECT * FROM (VALUES (1, 'Uppsala', 10), (2, 'Umeå', 20), (3, NULL, NULL)) t(id, namn, antal)`,
    );
    const swapped = await write(
      'e',
      `SELECT * FROM (VALUES (1, 'Umeå', 10), (2, NULL, 20), (3, 'Uppsala', NULL)) t(id, namn, antal)`,
    );
    const otherType = await write('d', `SELECT id::BIGINT AS id, namn, antal FROM (${base})`);
    const digest = (path: string, cols: string[]) => tableDigest(path, cols, open);

    expect(await digest(otherAntal, ['id', 'namn'])).toBe(await digest(a, ['id', 'namn']));
    expect(await digest(otherAntal, ['antal'])).not.toBe(await digest(a, ['antal']));
    expect(await digest(nullMoved, ['namn'])).not.toBe(await digest(a, ['namn']));
    // The same values in another order (a digest that only combined per-value hashes would not see it).
    expect(await digest(swapped, ['namn'])).not.toBe(await digest(a, ['namn']));
    expect(await digest(otherType, ['id'])).not.toBe(await digest(a, ['id']));
    expect(await digest(a, ['saknas'])).toBe('missing');
    expect(await digest(join(dir, 'none.parquet'), ['id'])).toBe('absent');
    // Cut short (a copy that stopped, an edit by hand): unreadable, so that the reader runs again.
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, readFileSync(a).subarray(0, 100));
    expect(await digest(cut, ['id'])).toBe('unreadable');
    expect(await digest(a, [])).toBe(fileHash(a));
  });

  it('tells an empty list from a NULL and from a list of one NULL, and -0.0 from 0.0', async () => {
    const lists = await Promise.all(
      ['[]', 'NULL', '[NULL]'].map((v, i) =>
        write(`list${i}`, `SELECT * FROM (VALUES (1, ['a']), (2, ${v}::VARCHAR[])) t(id, telefon)`),
      ),
    );
    const listDigests = await Promise.all(lists.map((p) => tableDigest(p, ['telefon'], open)));
    expect(new Set(listDigests).size).toBe(3);
    const zeros = await Promise.all(
      ['-0.0', '0.0'].map((v, i) => write(`zero${i}`, `SELECT ${v}::DOUBLE AS lq`)),
    );
    const zeroDigests = await Promise.all(zeros.map((p) => tableDigest(p, ['lq'], open)));
    expect(zeroDigests[0]).not.toBe(zeroDigests[1]);
  });

  it('digests a folder of tables in one go as each file alone, and leaves out a file it cannot digest', async () => {
    const sub = mkdtempSync(join(dir, 'many-'));
    await duck.run(
      `COPY (SELECT range AS id, 'nr ' || range AS namn, [range, NULL] AS tal FROM range(300)) TO ${lit(join(sub, 'a.parquet'))} (FORMAT parquet)`,
    );
    await duck.run(
      `COPY (SELECT -0.0 AS x, 'b' AS namn UNION ALL SELECT 1.5, NULL) TO ${lit(join(sub, 'b.parquet'))} (FORMAT parquet)`,
    );
    const columns = await tableColumnDigests(open, sub);
    expect(Object.keys(columns)).toEqual(['a', 'b']);
    expect(Object.keys(columns.a)).toEqual(['id', 'namn', 'tal']);
    for (const [table, cols] of [
      ['a', ['namn', 'tal']],
      ['b', ['x', 'namn']],
    ] as const) {
      const alone = await tableDigest(join(sub, `${table}.parquet`), cols, open);
      expect(sha256(cols.map((c) => `${c} ${columns[table][c]}`).join('\n'))).toBe(alone);
    }
    // A column named file_row_number: that file gets no digests, the others theirs.
    await duck.run(`COPY (SELECT 1 AS file_row_number) TO ${lit(join(sub, 'c.parquet'))} (FORMAT parquet)`);
    expect(await tableColumnDigests(open, sub)).toEqual(columns);
  });

  it('gives the same digest from the producer manifest as from the file, and ignores a manifest for another file', async () => {
    const sub = mkdtempSync(join(dir, 'stage-'));
    const path = join(sub, 'rader.parquet');
    await duck.run(
      `COPY (SELECT range AS id, 'nr ' || range AS namn FROM range(1000)) TO ${lit(path)} (FORMAT parquet)`,
    );
    const fromFile = await tableDigest(path, ['namn'], open);
    const columns = await tableColumnDigests(open, sub);
    expect(Object.keys(columns)).toEqual(['rader']);
    const manifest = (outputs: Record<string, string>, cols: Record<string, Record<string, string>>) =>
      writeFileSync(join(sub, 'manifest.json'), JSON.stringify({ outputs, columns: cols }));

    manifest({ 'rader.parquet': fileHash(path) }, columns);
    let opened = false;
    const fromManifest = await tableDigest(path, ['namn'], async () => {
      opened = true;
      return duck;
    });
    expect(fromManifest).toBe(fromFile);
    expect(opened).toBe(false);

    // A manifest whose recorded file is not this one (a file changed since) is not trusted.
    const wrong = { rader: { ...columns.rader, namn: 'VARCHAR 0' } };
    manifest({ 'rader.parquet': 'another hash' }, wrong);
    expect(await tableDigest(path, ['namn'], open)).toBe(fromFile);
  });
});
