import { join } from 'node:path';
import { Duck } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { joinEmployment } from '../src/join.ts';
import type { Reference } from '../src/reference.ts';
import { readStatisticsFile } from '../src/statistics/read.ts';
import { openDuck, rawReference, spec, table, tmp } from './helpers.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A DuckDB with one synthetic statistics file and a few synthetic initiatives, joined for `ar`. */
async function joined(
  fil: string,
  initiatives: { id: string; lan: string[]; sektor: string }[],
  ar: number,
  extraSectors: Reference['sektorer'] = [],
  entities: string | null = null,
): Promise<Duck> {
  const ref = rawReference();
  ref.sektorer = [...ref.sektorer, ...extraSectors];
  const duck = await openDuck(ref, [fil]);
  await readStatisticsFile(duck, spec(fil), ref, tmp());
  await table(
    duck,
    'factsheets',
    initiatives.map((x, i) => ({
      id: x.id,
      lista: 1,
      ordning: i + 1,
      rubrik: x.id,
      typ_av_sektor: x.sektor,
    })),
    { lista: 'INTEGER', ordning: 'INTEGER' },
  );
  await table(
    duck,
    'entity_lan',
    initiatives.flatMap((x) => x.lan.map((lan_kod) => ({ factsheet_id: x.id, lan_kod }))),
  );
  await table(
    duck,
    'stat_files',
    [2007, 2008].map((y) => ({
      fil,
      kalla: 'syntetiskt testdata',
      tabell: 'TEST',
      matt: 'forvarvsarbetande_dagbefolkning',
      ar: y,
    })),
    { ar: 'INTEGER' },
  );
  await joinEmployment(duck, ar, entities, tmp());
  return duck;
}

let duck: Duck | undefined;
afterEach(() => {
  duck?.close();
  duck = undefined;
});

describe('join: location quotient on a hand-computed example', () => {
  // synthetic-wide-rams-win1252.csv, 2008 (Totalt rows; the groups shown add up to them):
  //   Värmland (17): B+C 200, G 789, J 10, 00 1        Totalt 1 000
  //   Stockholm (01): B+C 50, G 828, J 120, 00 2       Totalt 1 000
  //   Riket (00):    B+C 500, G 9 290, J 200, 00 10   Totalt 10 000
  // and 2007: Värmland B+C 190, J 9, Totalt 980; Stockholm J 110, Totalt 952; Riket B+C 480, Totalt 9 959.
  const initiatives = [
    { id: 'test-bruk', lan: ['17'], sektor: 'Massa- och Pappersteknologi' }, // → RAMS B+C
    { id: 'test-it', lan: ['01', '17'], sektor: 'ICT' }, // → RAMS J
  ];

  it('LQ = (e_sector,region / e_region) / (e_sector,nation / e_nation)', async () => {
    duck = await joined('synthetic-wide-rams-win1252.csv', initiatives, 2008);
    const rows = await duck.rows<Record<string, unknown>>(
      "SELECT * FROM out.entity_employment ORDER BY factsheet_id, rad = 'alla', lan_kod",
    );
    const row = (id: string, lan: string | null) =>
      rows.find((r) => r.factsheet_id === id && r.lan_kod === lan) as Record<string, unknown>;

    // test-bruk in Värmland, B+C: (200 / 1 000) / (500 / 10 000) = 0.2 / 0.05 = 4
    const bruk = row('test-bruk', '17');
    expect([bruk.sysselsatta, bruk.region_totalt, bruk.sektor_riket, bruk.riket_totalt].map(num)).toEqual([
      200, 1000, 500, 10000,
    ]);
    expect(num(bruk.andel_region)).toBe(0.2);
    expect(num(bruk.lq)).toBe(4);
    expect(bruk).toMatchObject({
      rams_grupp: 'B+C',
      gruppering: 'rams',
      naringsgren_koder: 'B+C',
      kalla: 'syntetiskt testdata',
    });
    // The year before: 190 → 200, +10, 10 / 190 = 5.3 %
    expect([num(bruk.foregaende_ar), num(bruk.sysselsatta_foregaende), num(bruk.forandring)]).toEqual([
      2007, 190, 10,
    ]);
    expect(num(bruk.forandring_procent)).toBe(5.3);

    // test-it, J: Stockholm (120 / 1 000) / (200 / 10 000) = 0.12 / 0.02 = 6;
    // Värmland (10 / 1 000) / 0.02 = 0.5; both together ((120 + 10) / 2 000) / 0.02 = 0.065 / 0.02 = 3.25
    expect(num(row('test-it', '01').lq)).toBe(6);
    expect(num(row('test-it', '17').lq)).toBe(0.5);
    const together = rows.find((r) => r.factsheet_id === 'test-it' && r.rad === 'alla') as Record<
      string,
      unknown
    >;
    expect([num(together.sysselsatta), num(together.region_totalt), num(together.lq)]).toEqual([
      130, 2000, 3.25,
    ]);
    expect(together.lan_koder).toBe('01;17');
  });

  it('lan_sector: employment, share and LQ per county and RAMS group', async () => {
    duck = await joined('synthetic-wide-rams-win1252.csv', initiatives, 2008);
    const r = (
      await duck.rows<Record<string, unknown>>(
        "SELECT * FROM out.lan_sector WHERE lan_kod = '17' AND rams_grupp = 'B+C'",
      )
    )[0];
    expect([num(r.sysselsatta), num(r.andel), num(r.lq), num(r.forandring), num(r.initiativ_lista1)]).toEqual(
      [200, 0.2, 4, 10, 1],
    );
  });

  it('takes entity ids from the dedupe stage’s entities.parquet when there is one', async () => {
    const dir = tmp();
    const maker = await Duck.open();
    await maker.run(
      `COPY (SELECT * FROM (VALUES ('e-0001', 'Testbruket', 'test-bruk'), ('e-0002', 'Test-IT', 'test-it'))
         AS t(entity_id, namn, factsheet_id)) TO '${dir}/entities.parquet' (FORMAT parquet)`,
    );
    maker.close();
    duck = await joined(
      'synthetic-wide-rams-win1252.csv',
      initiatives,
      2008,
      [],
      `read_parquet('${join(dir, 'entities.parquet')}')`,
    );
    const ids = await duck.rows<{ factsheet_id: string; entity_id: string }>(
      'SELECT DISTINCT factsheet_id, entity_id FROM out.entity_employment ORDER BY 1',
    );
    expect(ids).toEqual([
      { factsheet_id: 'test-bruk', entity_id: 'e-0001' },
      { factsheet_id: 'test-it', entity_id: 'e-0002' },
    ]);
  });

  it('without the year before, no change is given', async () => {
    duck = await joined('synthetic-wide-rams-win1252.csv', initiatives, 2007);
    const rows = await duck.rows<Record<string, unknown>>('SELECT * FROM out.entity_employment');
    expect(rows.every((r) => r.foregaende_ar === null && r.forandring === null)).toBe(true);
    // 2007: (190 / 980) / (480 / 9 959)
    const bruk = rows.find((r) => r.factsheet_id === 'test-bruk' && r.rad === 'lan') as Record<
      string,
      unknown
    >;
    expect(num(bruk.lq)).toBeCloseTo(190 / 980 / (480 / 9959), 4);
  });
});

describe('join: kommun × five-digit statistics', () => {
  const sector = {
    typ_av_sektor: 'Syntetisk programvara',
    kategori: 'IKT',
    rams_grupp: 'J',
    sni_huvudgrupper: '62',
  };
  const initiatives = [
    { id: 'test-gotland', lan: ['09'], sektor: 'Syntetisk programvara' },
    { id: 'test-blekinge', lan: ['10'], sektor: 'Syntetisk programvara' },
  ];

  it('kommuner roll up to their county, five-digit codes to divisions; a suppressed cell stays unknown', async () => {
    duck = await joined('synthetic-kommun-sni5.csv', initiatives, 2008, [sector]);
    const m = await duck.rows<{
      gruppering: string;
      lan_kod: string;
      kod: string;
      varde: unknown;
      saknade: unknown;
    }>("SELECT * EXCLUDE (ar) FROM out.measure WHERE lan_kod <> '00' ORDER BY gruppering, lan_kod, kod");
    const v = (g: string, lan: string, kod: string) => {
      const hit = m.find((x) => x.gruppering === g && x.lan_kod === lan && x.kod === kod);
      return hit ? num(hit.varde) : undefined;
    };
    // Gotland is one kommun: 62 = 30 + 20.
    expect(v('sni_huvudgrupp', '09', '62')).toBe(50);
    // Blekinge's five kommuner: 62 = (1 + 2) + (300 + 200) + (10 + 5) + (20 + 10) + (4 + 6) = 558.
    expect(v('sni_huvudgrupp', '10', '62')).toBe(558);
    // Ronneby's 26110 is "..": division 26 and RAMS B+C for Blekinge are unknown, not 154.
    expect(v('sni_huvudgrupp', '10', '26')).toBeNull();
    expect(v('rams', '10', 'B+C')).toBeNull();
    expect(v('rams', '09', 'B+C')).toBe(5);
  });

  it('division data makes the join use the initiative’s divisions; without all 21 counties there is no national figure', async () => {
    duck = await joined('synthetic-kommun-sni5.csv', initiatives, 2008, [sector]);
    const rows = await duck.rows<Record<string, unknown>>(
      "SELECT * FROM out.entity_employment WHERE rad = 'lan' ORDER BY factsheet_id",
    );
    const g = rows.find((r) => r.factsheet_id === 'test-gotland') as Record<string, unknown>;
    expect(g).toMatchObject({ gruppering: 'sni_huvudgrupp', naringsgren_koder: '62', rams_grupp: 'J' });
    expect(num(g.sysselsatta)).toBe(50);
    // Two divisions and no Totalt row: the county's total is unknown, not the 55 the file happens to hold.
    expect(g.region_totalt).toBeNull();
    // The country is 2 of 21 counties here: unknown, so LQ is unknown rather than computed on a part.
    expect(g.sektor_riket).toBeNull();
    expect(g.lq).toBeNull();
  });
});
