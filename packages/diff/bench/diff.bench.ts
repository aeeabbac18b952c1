import { pathToFileURL } from 'node:url';
import { Duck } from '@kk/core';
import { diffEditions } from '../src/diff.ts';
import { editionFromSql } from '../src/load.ts';

export interface DiffBenchResult {
  entities: number;
  /** From the generated stage tables to the finished diff (normalising both editions, matching, comparing). */
  seconds: number;
  peakRssMb: number;
  /** Generating the two synthetic editions, not part of `seconds`. */
  generateSeconds: number;
  changes: number;
  renames: number;
  /** Seconds per step: loading each edition, then diffEditions' steps. */
  timings: Record<string, number>;
}

const LISTS = 20;

/**
 * Two seeded synthetic editions of n entities each, as the stages' tables (bench_a_*, bench_b_*), with a
 * realistic share of changes from A to B: 2 % removed, 2 % added, 0.5 % renamed (new id and name, same web
 * address, phone and contact), 3 % moved, 10 % with a changed fact-sheet field, 5 % with a changed judgment,
 * a new statistics year for all, a source list dropped, one added and a new column in another.
 */
async function generate(duck: Duck, n: number, seed: number): Promise<void> {
  const added = Math.round(n * 0.02);
  await duck.run(
    `CREATE OR REPLACE MACRO bench_u(i, k) AS (hash(i, k, ${seed}) % 1000003)::DOUBLE / 1000003`,
  );
  await duck.run(`
    CREATE OR REPLACE TABLE bench_base AS
    WITH r AS (
      SELECT i, bench_u(i, 1) AS u1, bench_u(i, 2) AS u2, bench_u(i, 3) AS u3, bench_u(i, 4) AS u4,
        bench_u(i, 5) AS u5, bench_u(i, 6) AS u6, bench_u(i, 7) AS u7
      FROM range(${n + added}) t(i)
    ),
    o AS (
      SELECT *, CASE WHEN u2 < 0.45 THEN 'list1' WHEN u2 < 0.70 THEN 'list2-strategic'
        WHEN u2 < 0.75 THEN 'list2-transnational' ELSE 'rejected' END AS utfall FROM r
    )
    SELECT
      i,
      CASE WHEN i >= ${n} THEN NULL ELSE 'e' || i END AS id_a,
      CASE WHEN i >= ${n} THEN 'n' || i WHEN u1 < 0.02 THEN NULL WHEN u1 < 0.025 THEN 'r' || i ELSE 'e' || i END AS id_b,
      'Initiativ ' || i AS namn_a,
      CASE WHEN i >= ${n} THEN 'Nytt initiativ ' || i WHEN u1 >= 0.02 AND u1 < 0.025 THEN 'Omdöpt initiativ ' || i
        ELSE 'Initiativ ' || i END AS namn_b,
      utfall AS utfall_a,
      CASE WHEN u3 < 0.03 THEN (CASE utfall WHEN 'list1' THEN 'rejected' WHEN 'rejected' THEN 'list1'
        WHEN 'list2-strategic' THEN 'list1' ELSE 'list2-strategic' END) ELSE utfall END AS utfall_b,
      'Ca ' || (10 + i % 200) AS medlemmar_a,
      CASE WHEN u4 < 0.10 AND u5 < 0.5 THEN 'Ca ' || (11 + i % 200) ELSE 'Ca ' || (10 + i % 200) END AS medlemmar_b,
      'Person ' || i AS kontakt_a,
      CASE WHEN u4 < 0.10 AND u5 >= 0.5 THEN 'Ny person ' || i ELSE 'Person ' || i END AS kontakt_b,
      CASE WHEN u6 < 0.05 THEN 1 + i % 6 ELSE 0 END AS andrat_kriterium,
      1000 + (hash(i, 8, ${seed}) % 50000)::BIGINT AS syss_a,
      (1000 + (hash(i, 8, ${seed}) % 50000) * (0.95 + 0.1 * u7))::BIGINT AS syss_b,
      round(0.5 + 1.5 * u5, 4) AS lq_a,
      round(0.5 + 1.5 * u5 + 0.05 * (u7 - 0.5), 4) AS lq_b,
      lpad(CAST(1 + i % 21 AS VARCHAR), 2, '0') AS lan
    FROM o`);
  for (const s of ['a', 'b'] as const) {
    const rows = `(SELECT * FROM bench_base WHERE id_${s} IS NOT NULL)`;
    const sheet = `utfall_${s} <> 'rejected'`;
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_entities AS
      SELECT id_${s} AS entity_id, namn_${s} AS namn, CASE WHEN ${sheet} THEN id_${s} END AS factsheet_id FROM ${rows}`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_beslut AS
      SELECT id_${s} AS entity_id, namn_${s} AS namn, CASE WHEN ${sheet} THEN id_${s} END AS factsheet_id,
        utfall_${s} AS utfall, CASE WHEN utfall_${s} = 'rejected' THEN 'kriterium-ej-uppfyllt' ELSE 'alla-kriterier' END AS skal_kod,
        '' AS skal, CASE utfall_${s} WHEN 'list1' THEN 'lista1' WHEN 'rejected' THEN 'bort' ELSE 'lista2' END AS beslut,
        false AS undantag, 'klusterinitiativ' AS organisationstyp, 'ja' AS aktiv, '' AS inaktiv_sedan, 'ja' AS egen_webbplats
      FROM ${rows}`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_factsheets AS
      SELECT id_${s} AS id, CASE WHEN utfall_${s} = 'list1' THEN 1 ELSE 2 END AS lista,
        CASE utfall_${s} WHEN 'list2-strategic' THEN 'strategiskt' WHEN 'list2-transnational' THEN 'transnationellt' ELSE '' END AS natverkstyp,
        namn_${s} AS tabellnamn, namn_${s} AS rubrik, 'www.initiativ' || i || '.se' AS internetadress,
        'Gatan ' || i || ', ' || (10000 + i % 89999) || ' Stad' AS adress, '08-' || (1000000 + i) AS telefonnummer,
        kontakt_${s} AS kontaktperson, 'Län ' || lan AS geografiskt_omrade, 'IKT' AS typ_av_sektor,
        medlemmar_${s} AS antal_medlemsforetag, CAST(1990 + i % 20 AS VARCHAR) AS startar, 'VINNOVA' AS finansiarer,
        'KTH' AS forskning, '' AS koppling, 'initiativ' || i || '.se' AS webb_canonical,
        CAST(10000 + i % 89999 AS VARCHAR) AS postnummer, ['08' || (1000000 + i)] AS telefon_norm,
        ['info@initiativ' || i || '.se'] AS epost, kontakt_${s} AS kontakt_namn
      FROM ${rows} WHERE ${sheet}`);
    // Two source-list rows per entity; B drops list l${LISTS - 1}, moving its rows to a new list l${LISTS}, and
    // list l0 gains a column.
    const list = (k: string) =>
      s === 'a'
        ? `(${k}) % ${LISTS}`
        : `CASE WHEN (${k}) % ${LISTS} = ${LISTS - 1} THEN ${LISTS} ELSE (${k}) % ${LISTS} END`;
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_candidates AS
      SELECT 'l' || l || '.csv:' || i || ':' || j AS record_id, 'sources/l' || l || '.csv' AS source_file, id_${s} AS entity_id,
        namn_${s} AS namn, 'initiativ' || i || '.se' AS webb_canonical, 'Gatan ' || i AS adress,
        CAST(10000 + i % 89999 AS VARCHAR) AS postnummer, kontakt_${s} AS kontakt_namn,
        ['08' || (1000000 + i)] AS telefon_norm, []::VARCHAR[] AS epost,
        CASE WHEN ${s === 'b' ? 'l = 0' : 'false'} THEN '{"Ny kolumn":"x"}' ELSE '{}' END AS extra
      FROM (SELECT *, unnest([${list('i')}, ${list('i + 7')}]) AS l, unnest([1, 2]) AS j FROM ${rows})`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_membership AS SELECT record_id, entity_id FROM bench_${s}_candidates`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_source_lists AS
      SELECT regexp_replace(source_file, '^sources/', '') AS fil, 'Lista ' || fil AS ursprung, count(*)::INTEGER AS rader
      FROM bench_${s}_candidates GROUP BY source_file`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_bedomningar AS
      SELECT id_${s} AS entity_id, k AS kriterium,
        CASE WHEN ${s === 'b' ? 'andrat_kriterium = k' : 'false'} THEN 'delvis' ELSE 'uppfyllt' END AS bedomning,
        '1;2' AS indikatorer_uppfyllda, '1;2;3' AS indikatorer_bedomda, 'faktablad' AS grund
      FROM ${rows}, range(1, 7) t(k)`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_entity_employment AS
      SELECT id_${s} AS factsheet_id, id_${s} AS entity_id, 'alla' AS rad, ${s === 'a' ? 2008 : 2009} AS ar,
        'J' AS rams_grupp, 'information och kommunikation' AS bransch, lan AS lan_koder, syss_${s} AS sysselsatta,
        100000 AS region_totalt, ${s === 'a' ? 4406789 : 4280743} AS riket_totalt, lq_${s} AS lq
      FROM ${rows} WHERE ${sheet}`);
    await duck.run(`
      CREATE OR REPLACE TABLE bench_${s}_entity_lan AS
      SELECT id_${s} AS factsheet_id, id_${s} AS entity_id, lan AS lan_kod FROM ${rows} WHERE ${sheet}`);
  }
}

const TABLE_NAMES = [
  'source_lists',
  'candidates',
  'factsheets',
  'entities',
  'membership',
  'beslut',
  'bedomningar',
  'entity_employment',
  'entity_lan',
];

/** Diffs two generated editions of n entities; for `npm run bench`. */
export async function benchDiff(n: number, seed = 2009): Promise<DiffBenchResult> {
  const duck = await Duck.open();
  try {
    const t0 = performance.now();
    await generate(duck, n, seed);
    const t1 = performance.now();
    const sources = (s: string) => Object.fromEntries(TABLE_NAMES.map((t) => [t, `bench_${s}_${t}`]));
    const a = await editionFromSql(duck, sources('a'), { label: 'A', year: 2009 });
    const tA = performance.now();
    const b = await editionFromSql(duck, sources('b'), { label: 'B', year: 2010 });
    const tB = performance.now();
    const diff = await diffEditions(a, b);
    const t2 = performance.now();
    return {
      entities: n,
      seconds: Math.round((t2 - t1) / 10) / 100,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      generateSeconds: Math.round((t1 - t0) / 10) / 100,
      changes: diff.changes.length,
      renames: diff.renames.length,
      timings: {
        'load A': Math.round(tA - t1) / 1000,
        'load B': Math.round(tB - tA) / 1000,
        ...diff.timings,
      },
    };
  } finally {
    duck.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(await benchDiff(n)));
}
