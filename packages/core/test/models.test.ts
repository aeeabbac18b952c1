// The model runner on a stage of its own (a temporary models folder) and ref() on a temporary build folder.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Duck, lit } from '../src/duck.ts';
import { CheckError, InputError } from '../src/errors.ts';
import { ref, runModels } from '../src/models.ts';
import { resolveEdition } from '../src/paths.ts';
import type { StageContext } from '../src/stage.ts';

const root = mkdtempSync(join(tmpdir(), 'kk-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

interface Setup {
  dir: string;
  out: string;
  ctx: StageContext;
  counts: Record<string, number>;
}

/** A stage `demo` with the given models and schema, writing into a fresh folder. */
function stage(models: Record<string, string>, tables: Record<string, unknown>): Setup {
  const base = join(root, `s${++n}`);
  const dir = join(base, 'models');
  const out = join(base, 'out');
  mkdirSync(dir, { recursive: true });
  mkdirSync(out, { recursive: true });
  for (const [name, sql] of Object.entries(models)) writeFileSync(join(dir, `${name}.sql`), sql);
  writeFileSync(join(dir, 'schema.json'), JSON.stringify({ stage: 'demo', tables }));
  const counts: Record<string, number> = {};
  const ctx: StageContext = {
    edition: resolveEdition({ year: 2009, build: join(base, 'build') }, {}),
    stage: 'demo',
    out,
    warn: () => {},
    log: () => {},
    count: (t, c) => {
      counts[t] = c;
    },
    publish: () => {},
    largestInputRows: 0,
    // The models run in the test's own DuckDB (runModels takes it); a stage's is never asked for here.
    duck: () => Promise.reject(new Error('no stage DuckDB in this test')),
  };
  return { dir, out, ctx, counts };
}

const col = (type: string, tests: unknown[] = []) => ({ type, description: 'a column', tests });

/** The stage of one model, people (id, namn, grupp) from stg_people, with tests on namn and on the table. */
const people = (namnTests: unknown[], tableTests: unknown[] = []) =>
  stage(
    { people: "SELECT id::INTEGER AS id, namn, grupp FROM {{ source('stg_people') }}" },
    {
      people: {
        description: 'people',
        order_by: ['id'],
        columns: { id: col('INTEGER'), namn: col('VARCHAR', namnTests), grupp: col('VARCHAR') },
        tests: tableTests,
      },
    },
  );

let duck: Duck;
beforeEach(async () => {
  duck = await Duck.open();
  await duck.run(`CREATE TABLE stg_people AS SELECT * FROM (VALUES (2, 'Åsa', 'a'), (1, 'Bo', 'b'), (3, 'Cilla', 'a'))
                  AS t(id, namn, grupp)`);
});
afterEach(() => duck.close());

describe('runModels', () => {
  it('runs models in dependency order and writes Parquet and CSV in the declared order, counted', async () => {
    const s = stage(
      {
        // "groups" reads "people", but sorts first by name: the runner must order them by ref().
        groups: "SELECT grupp, count(*)::INTEGER AS antal FROM {{ ref('people') }} GROUP BY grupp",
        people: "SELECT id::INTEGER AS id, namn, grupp FROM {{ source('stg_people') }}",
      },
      {
        people: {
          description: 'people',
          order_by: ['id'],
          columns: {
            id: col('INTEGER', ['not_null', 'unique']),
            namn: col('VARCHAR'),
            grupp: col('VARCHAR'),
          },
        },
        groups: {
          description: 'groups',
          order_by: ['grupp'],
          formats: ['csv'],
          columns: { grupp: col('VARCHAR', [{ accepted_values: ['a', 'b'] }]), antal: col('INTEGER') },
        },
      },
    );
    await runModels(duck, s.ctx, { dir: s.dir });
    expect(readFileSync(join(s.out, 'people.csv'), 'utf8')).toBe(
      'id,namn,grupp\n1,Bo,b\n2,Åsa,a\n3,Cilla,a\n',
    );
    expect(readFileSync(join(s.out, 'groups.csv'), 'utf8')).toBe('grupp,antal\na,2\nb,1\n');
    const parquet = await duck.rows(`SELECT * FROM read_parquet(${lit(join(s.out, 'people.parquet'))})`);
    expect(parquet.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(s.counts).toEqual({ people: 3, groups: 2 });
  });

  it('keeps an intermediate model (formats []) in the connection for the models and checks after it, unwritten', async () => {
    const s = stage(
      {
        adults: "SELECT id::INTEGER AS id FROM {{ ref('older') }} WHERE id >= {{ var('from') }}",
        older: "SELECT * FROM {{ source('stg_people') }} WHERE id > 1",
      },
      {
        older: { description: 'a step', order_by: ['id'], formats: [], columns: {} },
        adults: {
          description: 'adults',
          order_by: ['id'],
          formats: ['csv'],
          columns: { id: col('INTEGER') },
        },
      },
    );
    const seen: unknown[] = [];
    await runModels(duck, s.ctx, {
      dir: s.dir,
      vars: { from: '3' },
      check: async () => {
        seen.push(...(await duck.rows('SELECT namn FROM out.older ORDER BY id')).map((r) => r.namn));
        // Nothing is written before the stage's checks.
        seen.push(readdirSync(s.out).length);
      },
    });
    expect(seen).toEqual(['Åsa', 'Cilla', 0]);
    expect(readdirSync(s.out)).toEqual(['adults.csv']);
    expect(readFileSync(join(s.out, 'adults.csv'), 'utf8')).toBe('id\n3\n');
    expect(s.counts).toEqual({ adults: 1 });
  });

  it('a table test may reconcile with other tables ({{ ref() }}, {{ source() }}): it fails when they disagree', async () => {
    const reconciled = (extra: string) =>
      stage(
        { people: `SELECT id::INTEGER AS id FROM {{ source('stg_people') }}${extra}` },
        {
          people: {
            description: 'people',
            order_by: ['id'],
            columns: { id: col('INTEGER') },
            tests: [
              {
                expect:
                  "(SELECT count(*) FROM {{ ref('people') }}) = (SELECT count(*) FROM {{ source('stg_people') }})",
                description: 'every person kept',
              },
            ],
          },
        },
      );
    const kept = reconciled('');
    await runModels(duck, kept.ctx, { dir: kept.dir });
    expect(kept.counts).toEqual({ people: 3 });
    const lost = reconciled(' WHERE id > 1');
    await expect(runModels(duck, lost.ctx, { dir: lost.dir })).rejects.toThrow(
      /schema test failed: demo.people every person kept: 2 row/,
    );
  });

  it('stops when a model makes other columns than the schema declares, showing both', async () => {
    const s = stage(
      { people: "SELECT id, namn FROM {{ source('stg_people') }}" },
      {
        people: {
          description: 'people',
          order_by: ['id'],
          columns: { id: col('BIGINT'), namn: col('VARCHAR'), grupp: col('VARCHAR') },
        },
      },
    );
    const err = await runModels(duck, s.ctx, { dir: s.dir, inputs: ['raw/2009/people.csv (wide)'] }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(CheckError);
    // Our bug, not the user's: said so, with the input that led there.
    expect(err.message).toMatch(/^internal error in Klusterkartan \(please report it/);
    expect(err.message).toMatch(/people\.sql: the model's columns differ from its entry in schema\.json/);
    expect(err.message).toMatch(/the input that led here: raw\/2009\/people\.csv \(wide\)$/);
    expect(err.message).toMatch(
      /declared: id BIGINT, namn VARCHAR, grupp VARCHAR\n {2}made: {5}id INTEGER, namn VARCHAR/,
    );
  });

  const failing: [string, unknown[], unknown[], RegExp][] = [
    [
      'not_null',
      ['not_null'],
      [],
      /demo\.people\.namn not_null: 1 row\(s\), e\.g\.\n {2}\{"id":4,"namn":null/,
    ],
    ['unique', ['unique'], [], /demo\.people\.namn unique: 2 row\(s\)/],
    ['accepted_values', [{ accepted_values: ['Cilla', 'Åsa'] }], [], /accepted_values \(Cilla, Åsa\): 2 row/],
    [
      'a compound key',
      [],
      [{ unique: ['grupp', 'namn'] }],
      /demo\.people unique \(grupp, namn\): 2 row\(s\)/,
    ],
    [
      'an expectation',
      [],
      [{ expect: 'id < 4', description: 'ids are below 4' }],
      /demo\.people ids are below 4: 1 row\(s\), e\.g\.\n {2}\{"id":4/,
    ],
  ];
  for (const [name, columnTests, tableTests, message] of failing) {
    it(`stops on a failing ${name} test with the table, column and offending rows`, async () => {
      const extra = name === 'not_null' ? "(4, NULL, 'a')" : "(4, 'Bo', 'b')";
      await duck.run(`INSERT INTO stg_people VALUES ${extra}`);
      const s = people(columnTests, tableTests);
      const err = await runModels(duck, s.ctx, { dir: s.dir }).catch((e) => e);
      expect(err).toBeInstanceOf(CheckError);
      expect(err.message).toMatch(/^schema test failed: /);
      expect(err.message).toMatch(message);
    });
  }

  it('names the first failing test in the order the schema declares, whichever way it is counted', async () => {
    // unique is counted in a query of its own, not_null and accepted_values in one scan of the table.
    await duck.run(`INSERT INTO stg_people VALUES (4, NULL, 'a'), (5, 'Bo', 'b')`);
    const s = people(['unique', 'not_null', { accepted_values: ['Cilla', 'Åsa'] }]);
    const err = await runModels(duck, s.ctx, { dir: s.dir }).catch((e) => e);
    expect(err.message).toMatch(/demo\.people\.namn unique: 2 row\(s\)/);
    expect(err.message).toMatch(/; 2 more test\(s\) of this table failed too/);
  });

  it('counts a row whose value is NULL as no accepted_values failure (only not_null says NULL)', async () => {
    await duck.run(`INSERT INTO stg_people VALUES (4, NULL, 'a'), (5, 'Bo', 'b')`);
    const s = people([{ accepted_values: ['Cilla', 'Åsa'] }]);
    const err = await runModels(duck, s.ctx, { dir: s.dir }).catch((e) => e);
    expect(err.message).toMatch(/demo\.people\.namn accepted_values \(Cilla, Åsa\): 2 row\(s\)/);
  });

  it('checks relationships between the stage’s own tables', async () => {
    const s = stage(
      {
        people: "SELECT id::INTEGER AS id, grupp FROM {{ source('stg_people') }}",
        groups: "SELECT 'a' AS grupp",
      },
      {
        groups: { description: 'groups', order_by: ['grupp'], columns: { grupp: col('VARCHAR') } },
        people: {
          description: 'people',
          order_by: ['id'],
          columns: {
            id: col('INTEGER'),
            grupp: col('VARCHAR', [{ relationships: { to: 'groups', field: 'grupp' } }]),
          },
        },
      },
    );
    await expect(runModels(duck, s.ctx, { dir: s.dir })).rejects.toThrow(
      /demo\.people\.grupp relationships \(groups\.grupp\): 1 row\(s\), e\.g\.\n {2}\{"id":1,"grupp":"b"\}/,
    );
  });

  it('refuses a model file without a schema entry, and a schema entry without a model', async () => {
    const s = stage(
      { people: 'SELECT 1 AS id', extra: 'SELECT 1 AS x' },
      {
        people: { description: 'people', order_by: ['id'], columns: { id: col('INTEGER') } },
      },
    );
    await expect(runModels(duck, s.ctx, { dir: s.dir })).rejects.toThrow(
      /extra\.sql: a model with no entry in/,
    );
    const t = stage(
      {},
      { people: { description: 'people', order_by: ['id'], columns: { id: col('INTEGER') } } },
    );
    await expect(runModels(duck, t.ctx, { dir: t.dir })).rejects.toThrow(/table people has no model file/);
  });

  it('refuses a source the stage did not make', async () => {
    const s = stage(
      { people: "SELECT * FROM {{ source('stg_nobody') }}" },
      {
        people: { description: 'people', order_by: ['id'], columns: { id: col('INTEGER') } },
      },
    );
    await expect(runModels(duck, s.ctx, { dir: s.dir })).rejects.toThrow(
      /people\.sql: source\('stg_nobody'\) was not made by the stage's code/,
    );
  });
});

describe('ref', () => {
  // ingest's ref_lan as the real schema declares it (lan_kod, lan_namn, …), in a build folder of its own.
  const edition = resolveEdition({ year: 2009, build: join(root, 'ref-build') }, {});
  const file = join(edition.buildDir, 'ingest', 'ref_lan.parquet');

  it('names the missing table and the command that makes it', async () => {
    const err = await ref(duck, edition, 'ingest', 'ref_lan').catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      /ingest\/ref_lan\.parquet: expected table ingest\.ref_lan of edition 2009 \(run: npm run stage -- ingest --year 2009\), found no such file/,
    );
  });

  it('names a column the producer does not declare, and one its file lacks', async () => {
    mkdirSync(join(edition.buildDir, 'ingest'), { recursive: true });
    await duck.run(`COPY (SELECT '17' AS lan_kod) TO ${lit(file)} (FORMAT parquet)`);
    await expect(ref(duck, edition, 'ingest', 'ref_lan', ['lan'])).rejects.toThrow(
      /models\/schema\.json: expected the column\(s\) lan in table ingest\.ref_lan/,
    );
    // Exactly the columns named: a reader cannot use a column it did not name (and is not rerun for one).
    await expect(ref(duck, edition, 'ingest', 'ref_lan', ['lan_kod'])).resolves.toMatch(
      /^\(SELECT "lan_kod" FROM read_parquet\(/,
    );
    await expect(ref(duck, edition, 'ingest', 'ref_lan')).rejects.toThrow(
      /expected the columns stage ingest declares for ref_lan \(lan_namn.*found the columns lan_kod/,
    );
  });

  it('refuses a table the producer does not declare', async () => {
    await expect(ref(duck, edition, 'ingest', 'lan')).rejects.toThrow(
      /expected a table "lan" \(stage ingest declares .*ref_lan.*\), found no such table/,
    );
  });
});
