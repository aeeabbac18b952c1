// Bad input, unassessed entities and a ledger that does not add up: each stops the run with a message
// that says where and what. Every test works on its own temporary copy of the 2009 edition.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CheckError, Duck, InputError, lit, runStage } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { TempEdition } from '../../../tests/support/edition.ts';
import criteria from '../src/stage.ts';
import { cleanupTemplate, preparedEdition } from './support.ts';

let t: TempEdition | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});
afterAll(() => cleanupTemplate());

async function fresh(): Promise<TempEdition> {
  t = await preparedEdition();
  return t;
}

/** 1-based line of the first line starting with `prefix` in a raw file. */
function lineOf(e: TempEdition, rel: string, prefix: string): number {
  const i = e
    .read(rel)
    .split('\n')
    .findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`${rel} has no line starting with ${prefix}`);
  return i + 1;
}

/** Drops the lines of an entity from the assessments. */
function unassess(e: TempEdition, id: string): void {
  for (const rel of ['criteria/initiativ.csv', 'criteria/bedomningar.csv']) {
    e.write(
      rel,
      e
        .read(rel)
        .split('\n')
        .filter((l) => !l.startsWith(`${id},`))
        .join('\n'),
    );
  }
}

const BEDOMNINGAR = 'criteria/bedomningar.csv';
const INITIATIV = 'criteria/initiativ.csv';

describe('an assessment value outside the allowed set is an InputError with file, line and column', () => {
  it('a judgment', async () => {
    const e = await fresh();
    const line = lineOf(e, BEDOMNINGAR, 'georange,2,uppfyllt');
    e.replace(BEDOMNINGAR, 'georange,2,uppfyllt', 'georange,2,kanske');
    const err = await runStage(criteria, e.edition).catch((x) => x);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(
      new RegExp(
        `raw/2009/criteria/bedomningar\\.csv:${line}:12: expected bedomning: uppfyllt, delvis, ej uppfyllt, okänt, found "kanske"$`,
      ),
    );
  });

  it('an organisation type', async () => {
    const e = await fresh();
    const line = lineOf(e, INITIATIV, 'compare,');
    e.replace(INITIATIV, 'compare,Compare,ja,,ja,klusterinitiativ,', 'compare,Compare,ja,,ja,kluster,');
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      new RegExp(
        `criteria/initiativ\\.csv:${line}:24: expected organisationstyp: klusterinitiativ, .*, found "kluster"`,
      ),
    );
  });

  it('a sub-indicator the criterion does not have', async () => {
    const e = await fresh();
    const line = lineOf(e, BEDOMNINGAR, 'compare,3,');
    e.replace(BEDOMNINGAR, 'compare,3,uppfyllt,2,1;2;3,', 'compare,3,uppfyllt,2;4,1;2;3,');
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      new RegExp(
        `bedomningar\\.csv:${line}:\\d+: expected sub-indicators of criterion 3 \\(1, 2, 3\\), found 4`,
      ),
    );
  });

  it('a criterion left out', async () => {
    const e = await fresh();
    const line = lineOf(e, INITIATIV, 'compare,');
    e.write(
      BEDOMNINGAR,
      e
        .read(BEDOMNINGAR)
        .split('\n')
        .filter((l) => !l.startsWith('compare,6,'))
        .join('\n'),
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      new RegExp(
        `initiativ\\.csv:${line}:1: expected a judgment of each of the six criteria .*, found none for criterion 6 of "compare"`,
      ),
    );
  });

  it('an entity the dedupe stage does not know: left out (an open item), so the entity it meant is unassessed', async () => {
    const e = await fresh();
    e.replace(INITIATIV, 'compare,Compare,', 'compair,Compare,');
    e.write(BEDOMNINGAR, e.read(BEDOMNINGAR).replaceAll('\ncompare,', '\ncompair,'));
    await expect(runStage(criteria, e.edition)).rejects.toThrow(/1 entity has no assessment: compare \(/);
  });
});

describe('a decision that contradicts the assessment or the fact sheet is refused', () => {
  it('rejected although active with its own website and all six criteria met', async () => {
    const e = await fresh();
    const line = lineOf(e, INITIATIV, 'compare,');
    e.replace(
      INITIATIV,
      'compare,Compare,ja,,ja,klusterinitiativ,lista1,',
      'compare,Compare,ja,,ja,klusterinitiativ,bort,',
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      new RegExp(
        `initiativ\\.csv:${line}:41: expected beslut: lista1, or a criterion judged not met.*found "bort" for "compare"`,
      ),
    );
  });

  it('an exception without a motivation', async () => {
    const e = await fresh();
    const text = e.read(INITIATIV);
    const row = text.split('\n').find((l) => l.startsWith('mobelriket,')) ?? '';
    const cells: string[] = parse(row)[0];
    cells[7] = '';
    e.write(
      INITIATIV,
      text.replace(row, cells.map((c) => (/[",]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')),
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /expected beslut_motivering: a motivation for including it although it fails: kriterium 3 .* for "mobelriket"/,
    );
  });

  it('a decision that does not match the fact sheet’s list', async () => {
    const e = await fresh();
    e.replace(
      INITIATIV,
      'igis,IGIS,ja,,ja,strategiskt nätverk,lista2,',
      'igis,IGIS,ja,,ja,strategiskt nätverk,bort,',
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /expected beslut: an outcome matching the fact sheet "igis" \(lista 2, strategiskt\) → list2-strategic, found "bort", which gives rejected/,
    );
  });

  it('a network type that does not follow from the geography', async () => {
    const e = await fresh();
    e.replace(
      INITIATIV,
      'oresund-it,Øresund IT,ja,,ja,transnationellt nätverk,',
      'oresund-it,Øresund IT,ja,,ja,strategiskt nätverk,',
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /expected organisationstyp: transnationellt nätverk: the geography names a place abroad \(Öresund\), found "strategiskt nätverk"/,
    );
  });
});

describe('entities without an assessment', () => {
  it('stop the run and are written to the review sheet with their fact-sheet fields and hints', async () => {
    const e = await fresh();
    unassess(e, 'georange');
    unassess(e, 'biofuel-region');
    const err = await runStage(criteria, e.edition).catch((x) => x);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toMatch(
      /^2 entities have no assessment: biofuel-region \(Biofuel Region\), georange \(Georange\)\./,
    );
    expect(err.message).toMatch(/"ej_bedomda": "fortsätt"/);
    const sheet = join(e.edition.buildDir, 'criteria', 'att-bedöma.csv');
    expect(err.message).toContain(sheet);
    const rows: Record<string, string>[] = parse(readFileSync(sheet, 'utf8'), { columns: true });
    expect(rows.map((r) => r.entity_id)).toEqual(['biofuel-region', 'georange']);
    const georange = rows[1];
    expect(georange).toMatchObject({
      namn: 'Georange',
      factsheet_id: 'georange',
      internetadress: 'www.georange.se',
      geografiskt_omrade: 'Västerbotten, Norrbotten',
      forskning: 'UmU, LTU',
      antal_medlemsforetag: 'Ca 50',
      rader: '2',
      beslut: '',
    });
    expect(georange.ledtradar).toContain('Forskning UmU, LTU: 3.2');
    expect(rows[0].ledtradar).toMatch(/^inget faktablad/);
    expect(rows[0].kallornas_uppgifter).toContain('Koppling till andra kluster Biofuel Region');
    expect(existsSync(join(e.edition.buildDir, 'criteria', 'lista1.csv'))).toBe(false);
  });

  it('go through as "ej bedömd" when the edition says so, named in the manifest warnings', async () => {
    const e = await fresh();
    unassess(e, 'georange');
    e.write('criteria/installningar.json', '{"ej_bedomda": "fortsätt"}\n');
    const m = await runStage(criteria, e.edition);
    expect(m.rows).toMatchObject({ lista1: 38, bortsorterade: 18 });
    expect(m.warnings.map((w) => w.message)).toEqual([
      'ej bedömd: georange (Georange) has no assessment and is rejected as "ej bedömd" (see att-bedöma.csv)',
    ]);
    expect(Object.keys(m.outputs)).toContain('att-bedöma.csv');
    expect(Object.keys(m.inputs)).toContain('criteria/installningar.json');
    const ledger: Record<string, string>[] = parse(
      readFileSync(join(e.edition.buildDir, 'ledger.csv'), 'utf8'),
      {
        columns: true,
      },
    );
    const rows = ledger.filter((r) => r.entity_id === 'georange');
    expect(rows.map((r) => [r.outcome, r.reason])).toEqual([
      ['rejected', 'ej bedömd'],
      ['rejected', 'ej bedömd'],
    ]);
  });

  it('a new edition without any assessment lists every entity for review', async () => {
    const e = await fresh();
    rmSync(e.path(INITIATIV));
    rmSync(e.path(BEDOMNINGAR));
    await expect(runStage(criteria, e.edition)).rejects.toThrow(/^85 entities have no assessment: /);
    const sheet = join(e.edition.buildDir, 'criteria', 'att-bedöma.csv');
    const rows: Record<string, string>[] = parse(readFileSync(sheet, 'utf8'), { columns: true });
    expect(rows).toHaveLength(85);
    expect(rows.filter((r) => r.factsheet_id !== '')).toHaveLength(68);
    const medcoast = rows.find((r) => r.entity_id === 'medcoast-scandinavia');
    expect(medcoast?.ledtradar).toContain(
      'utländsk ort i Geografiskt område (Oslo): transnationellt nätverk om lista 2',
    );
    const spaceport = rows.find((r) => r.entity_id === 'spaceport-sweden');
    expect(spaceport?.ledtradar).toContain('är en sida, inte en egen domän: egen_webbplats?');
  });

  it('one of the two assessment files alone is an InputError', async () => {
    const e = await fresh();
    rmSync(e.path(BEDOMNINGAR));
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /criteria\/bedomningar\.csv: expected both criteria\/initiativ\.csv and criteria\/bedomningar\.csv/,
    );
  });

  it('an invalid setting is an InputError', async () => {
    const e = await fresh();
    e.write('criteria/installningar.json', '{"ej_bedomda": "ja"}\n');
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /installningar\.json: expected \{"ej_bedomda": "stoppa"\}/,
    );
  });
});

describe('the reconciliation check', () => {
  /** Rewrites the dedupe stage's ledger with a query over it (LEDGER, numbered by `n` in file order). */
  async function rewriteLedger(e: TempEdition, query: string): Promise<void> {
    const path = join(e.edition.buildDir, 'dedupe', 'ledger.parquet');
    const duck = await Duck.open();
    try {
      await duck.run(
        `CREATE TABLE l AS SELECT * EXCLUDE (n) FROM (${query.replaceAll('LEDGER', `(SELECT *, row_number() OVER () AS n FROM read_parquet(${lit(path)}))`)})`,
      );
      await duck.run(`COPY l TO ${lit(path)} (FORMAT parquet)`);
    } finally {
      duck.close();
    }
  }

  it('fails loudly on a ledger that lost a raw row', async () => {
    const e = await fresh();
    await rewriteLedger(e, 'SELECT * FROM LEDGER WHERE n <> 5');
    const err = await runStage(criteria, e.edition).catch((x) => x);
    expect(err).toBeInstanceOf(CheckError);
    expect(err.message).toMatch(
      /schema test failed: criteria\.ledger one row per source-list row of ingest\.candidates, none lost, none added: 200 row/,
    );
  });

  it('fails loudly on a ledger row whose entity is unknown, naming the row', async () => {
    const e = await fresh();
    await rewriteLedger(
      e,
      `SELECT * REPLACE (CASE WHEN n = (SELECT min(n) FROM LEDGER WHERE entity_id = 'georange')
                              THEN 'georangee' ELSE entity_id END AS entity_id) FROM LEDGER`,
    );
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /schema test failed: criteria\.ledger\.entity_id relationships \(dedupe\.entities\.entity_id\): 1 row\(s\), e\.g\.\n {2}\{"source_file":"sources\/k1-kommuner\.csv","source_line":8,"raw_name":"Georange","entity_id":"georangee"/,
    );
  });

  it('refuses to run without the dedupe stage’s entities', async () => {
    const e = await fresh();
    rmSync(join(e.edition.buildDir, 'dedupe', 'entities.parquet'));
    await expect(runStage(criteria, e.edition)).rejects.toThrow(
      /dedupe\/entities\.parquet: expected table dedupe\.entities of edition 2009 \(run: npm run stage -- dedupe --year 2009\), found no such file/,
    );
  });
});
