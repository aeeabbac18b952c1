import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckError,
  type ColumnType,
  currentStageDir,
  type Duck,
  defineStage,
  displayPath,
  InputError,
  loadRows,
  readCsv,
  refPath,
  runModels,
  type StageContext,
  shown,
  threadsFor,
  ref as upstreamTable,
} from '@kk/core';
import { runChecks } from './checks.ts';
import { checkStatements, countyCounts, readCountyStatements } from './county-check.ts';
import { assignGeography, type FactGeo, readOverrides } from './geography.ts';
import { joinVars } from './join.ts';
import { loadIngest } from './reference.ts';
import { querySql } from './sql.ts';
import { readAllStatistics } from './statistics/index.ts';

const V = 'VARCHAR' as const;
const I = 'INTEGER' as const;
const LAN_COLUMNS: Record<string, ColumnType> = {
  factsheet_id: V,
  lista: I,
  ordning: I,
  lan_kod: V,
  lan_namn: V,
  kalla: V,
  via: V,
  anmarkning: V,
  proveniens: V,
};
const FOREIGN_COLUMNS: Record<string, ColumnType> = {
  factsheet_id: V,
  lista: I,
  ordning: I,
  namn: V,
  land: V,
  via: V,
};

/** The statistics year of an edition: the last full year before the report (2008 for 2009). */
export const statisticsYear = (edition: number) => edition - 1;

/** Whether statistik.csv has a row for a file not yet delivered (levererad: nej). */
function awaitingDelivery(raw: string): boolean {
  const path = join(raw, 'employment', 'statistik.csv');
  return readCsv(path, { encoding: 'utf-8' }).rows.some((r) => r.record.levererad?.trim() === 'nej');
}

/**
 * At most how many values the statistics files hold, before they are read: in a text file a value takes at least
 * two bytes (a digit and a separator), so a file of n bytes holds at most n / 2 (2009's 19 kB: under 10 000). A
 * workbook (.xlsx) is compressed, so its bytes bound nothing: with one, the stage keeps both threads.
 */
function statisticsValuesAtMost(raw: string): number {
  const dir = join(raw, 'employment');
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce(
    (n, f) => n + (/\.xlsx$/i.test(f) ? Number.POSITIVE_INFINITY : statSync(join(dir, f)).size / 2),
    0,
  );
}

/** Stage 3: each initiative's counties, SCB employment statistics, and their join (sector size, LQ). */
export default defineStage({
  name: 'employment',
  async run(ctx) {
    const duck = await ctx.duck(
      threadsFor(Math.max(ctx.largestInputRows, statisticsValuesAtMost(ctx.edition.rawDir))),
    );
    const tmp = join(ctx.out, '.tmp');
    mkdirSync(tmp, { recursive: true });
    try {
      await run(ctx, duck, tmp);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
});

async function run(ctx: StageContext, duck: Duck, tmp: string): Promise<void> {
  const raw = ctx.edition.rawDir;
  const ref = await loadIngest(duck, ctx.edition);

  // Geography: counties and foreign places per fact sheet.
  const facts = await querySql<FactGeo>(duck, '03_factsheet_places.sql');
  const ov = readOverrides(join(raw, 'geography', 'lan-val.csv'));
  const geo = assignGeography(facts, ref, ov.overrides, {
    factsheets: displayPath(join(raw, 'factsheets', 'factsheets.csv')),
    overrides: ov.file,
  });
  for (const w of [...ov.warnings, ...geo.warnings]) ctx.warn(w);
  await loadRows(
    duck,
    'entity_lan',
    LAN_COLUMNS,
    geo.lan as unknown as Record<string, unknown>[],
    join(tmp, 'l.ndjson'),
  );
  await loadRows(
    duck,
    'entity_foreign',
    FOREIGN_COLUMNS,
    geo.foreign as unknown as Record<string, unknown>[],
    join(tmp, 'f.ndjson'),
  );

  // The report's own county figures must hold.
  const statements = readCountyStatements(join(raw, 'geography', 'rapportens-lansiffror.csv'));
  for (const w of statements.warnings) ctx.warn(w);
  const counts = countyCounts(
    geo.lan,
    ref.lan.map((l) => l.lan_kod),
  );
  const county = checkStatements(counts, statements.statements);

  // Sectors: every fact sheet's Typ av sektor must be classified.
  const classified = new Set(ref.sektorer.map((s) => s.typ_av_sektor));
  const missing = (
    await querySql<{ id: string; source_line: number; typ_av_sektor: string | null }>(
      duck,
      '04_factsheet_sectors.sql',
    )
  ).filter((f) => f.typ_av_sektor === null || !classified.has(f.typ_av_sektor));
  for (const m of missing) {
    const at = { file: displayPath(join(raw, 'factsheets', 'factsheets.csv')), line: m.source_line };
    if (m.typ_av_sektor) {
      throw new InputError(
        at,
        `a Typ av sektor listed in reference/sektorer.csv (${m.id})`,
        shown(m.typ_av_sektor),
      );
    }
    ctx.warn({
      location: `${at.file}:${at.line}`,
      message: `${m.id}: no Typ av sektor, so no employment figures`,
    });
  }

  // Statistics and the join.
  const stats = await readAllStatistics(duck, join(raw, 'employment'), ref, tmp);
  for (const w of stats.warnings) ctx.warn(w);
  const wanted = statisticsYear(ctx.edition.year);
  const years = [...new Set(stats.files.flatMap((f) => f.years))].sort((a, b) => a - b);
  // A new edition whose statistics are not yet delivered (levererad: nej) shows the latest year there is, said
  // with its year everywhere it is printed; the draft's appendix lists the missing file.
  const ar =
    !years.includes(wanted) && awaitingDelivery(raw) && years.length ? years[years.length - 1] : wanted;
  if (ar !== wanted) {
    ctx.warn({
      location: displayPath(join(raw, 'employment', 'statistik.csv')),
      message: `statistics for ${wanted} not yet delivered: the figures are those of ${ar}, labelled ${ar}`,
    });
  }
  if (!years.includes(ar)) {
    throw new InputError(
      { file: displayPath(join(raw, 'employment', 'statistik.csv')) },
      `statistics for ${ar}, the year before the edition, in the files listed`,
      `the years ${years.join(', ') || 'none'}`,
    );
  }
  // Without dedupe's entities (only when the stage is run on its own, as in its tests) the rows get no entity id.
  const hasEntities = existsSync(refPath(ctx.edition, 'dedupe', 'entities'));
  // Without them, that there were none is what this run read (recorded through currentStageDir): when dedupe's
  // output appears, the stage runs again.
  if (!hasEntities) currentStageDir(ctx.edition, 'dedupe');
  const entities = hasEntities
    ? await upstreamTable(duck, ctx.edition, 'dedupe', 'entities', ['entity_id', 'factsheet_id'])
    : null;
  const vars = await joinVars(
    duck,
    ar,
    entities,
    stats.specs.flatMap((s) => (s.kontroll ? [s.kontroll] : [])),
    tmp,
  );

  // The stage's checks over the joined tables, before the schema's tests and before anything is written.
  let checks: Awaited<ReturnType<typeof runChecks>> | undefined;
  const check = async () => {
    checks = await runChecks(duck, {
      specs: stats.specs,
      files: stats.files,
      statistikar: ar,
      lan: ref.lan,
      groups: ref.ramsGrupper.filter((g) => g.rams_grupp !== '00').length,
      counts,
      county,
      manifest: displayPath(join(raw, 'employment', 'statistik.csv')),
    });
    writeFileSync(join(ctx.out, 'checks.json'), `${JSON.stringify(checks.json, null, 2)}\n`);
    for (const w of checks.warnings) ctx.warn(w);
    if (checks.failures.length) throw new CheckError(checks.failures.join('; '));
  };

  // Named when a model breaks its contract (a bug of ours), so that the input can be sent with the report.
  const inputs = stats.files.map(
    (f, i) =>
      `${stats.specs[i].file} (${f.layout}, ${f.encoding}, ${f.level ?? 'no'} industries, years ${f.years.join(' ')})`,
  );
  await runModels(duck, ctx, { inputs, vars, check });
  ctx.log(
    `${geo.lan.length} initiative × county rows, ${geo.foreign.length} foreign places; statistics ${years.join(', ')} ` +
      `from ${stats.files.length} file(s); national total ${ar}: ${checks?.json.riket_per_ar.find((t) => t.ar === ar)?.varde ?? '–'}`,
  );
}
