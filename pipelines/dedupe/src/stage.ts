import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Duck,
  defineStage,
  displayPath,
  type Edition,
  InputError,
  lit,
  loadRows,
  modelRows,
  previousEdition,
  readManifest,
  ref,
  runModels,
  shown,
  threadsFor,
} from '@kk/core';
import {
  ConstraintConflict,
  loadModel,
  type Model,
  modelSqlParams,
  resolveEntities,
  scoreNearPairs,
} from '@kk/matching';
import { checkDecisionsAgainstAssessments, membershipKeys } from './assessed.ts';
import { membershipChanges } from './changes.ts';
import { type Decision, FACTSHEET_FILE, readDecisions } from './decisions.ts';
import { buildEntities } from './entities.ts';
import { SQL } from './sql-dir.ts';

/** What the matching reads of ingest's tables (sql/input.sql): a change to another column leaves dedupe current. */
const CANDIDATE_COLUMNS = [
  'record_id',
  'source_file',
  'source_line',
  'kalla',
  'ursprung',
  'namn',
  'webb',
  'webb_canonical',
  'adress',
  'postnummer',
  'telefon',
  'telefon_norm',
  'kontaktperson',
  'kontakt_namn',
  'epost',
];
const FACTSHEET_COLUMNS = [
  'id',
  'source_line',
  'rubrik',
  'internetadress',
  'webb_canonical',
  'adress',
  'postnummer',
  'telefonnummer',
  'telefon_norm',
  'kontaktperson',
  'kontakt_namn',
  'epost',
];

/** Stage 2: one entity per initiative out of the source-list rows and the fact sheets; starts the ledger. */
export default defineStage({
  name: 'dedupe',
  async run(ctx) {
    const start = loadModel();
    let model: Model = start;
    let estimation: unknown = null;
    const tmp = join(ctx.out, '.load.ndjson');
    const duck = await ctx.duck();
    await duck.runFile(join(SQL, 'input.sql'), {
      candidates: await ref(duck, ctx.edition, 'ingest', 'candidates', CANDIDATE_COLUMNS),
      factsheets: await ref(duck, ctx.edition, 'ingest', 'factsheets', FACTSHEET_COLUMNS),
      factsheets_file: lit(FACTSHEET_FILE),
    });
    // The matching's largest table is its pairs: the estimation levels every pair of records, up to
    // random_pairs_max (2009's 269 records: 36 000 pairs, one thread; from about 500 records, two).
    const n = await duck.count('dd_match_input');
    await duck.setThreads(threadsFor(Math.min((n * (n - 1)) / 2, start.estimation.random_pairs_max)));
    const { decisions, warnings, file: decisionsFile } = await readDecisions(ctx.edition, duck);
    for (const w of warnings) ctx.warn(w);
    const mustLink = decisions.filter((d) => d.same).flatMap((d) => d.pairs);
    const labelledSame = await carriedOver(duck, ctx.edition);
    if (labelledSame.length)
      ctx.log(
        `${labelledSame.length} pair(s) of records one initiative in the previous edition: labelled for the estimation`,
      );
    await checkDecisionsAgainstAssessments(duck, ctx.edition, decisions, decisionsFile, (f) => join(SQL, f));
    const cannotLink = decisions.filter((d) => !d.same).flatMap((d) => d.pairs);
    const keepTogether = await keptWithFactsheet(duck, labelledSame, cannotLink);
    try {
      ({ model, estimation } = await resolveEntities(duck, 'dd_match_input', {
        model: start,
        mustLink,
        cannotLink,
        labelledSame,
        keepTogether,
        log: ctx.log,
      }));
    } catch (err) {
      if (err instanceof ConstraintConflict) throw await conflictError(duck, err, decisions, decisionsFile);
      throw err;
    }
    await loadRows(
      duck,
      'dd_decided_ids',
      { a: 'VARCHAR', b: 'VARCHAR', samma: 'BOOLEAN' },
      decisions.flatMap((d) => d.pairs.map(([a, b]) => ({ a, b, samma: d.same }))),
      tmp,
    );
    await duck.runFile(join(SQL, 'decided.sql'));
    await loadRows(
      duck,
      'dd_kept',
      { a: 'VARCHAR', b: 'VARCHAR' },
      keepTogether.map(([a, b]) => ({ a, b })),
      tmp,
    );
    await checkFactsheets(duck, ctx.edition.rawDir);
    await scoreNearPairs(duck);
    // Before the previous outputs are replaced: what this run changed in the existing entities (this stage's
    // own last published output).
    const membershipFile = displayPath(join(ctx.edition.buildDir, 'dedupe', 'membership.csv'));
    for (const w of await membershipChanges(duck, ctx.edition, membershipFile)) ctx.warn(w);
    await buildEntities(duck, tmp);
    await runModels(duck, ctx, {
      vars: {
        match: String(model.thresholds.match),
        review: String(model.thresholds.review),
        prior_bits: modelSqlParams(model).prior_bits,
      },
    });
    const review = (await modelRows(duck, 'dedupe', 'review')).length;
    const out = (name: string) => join(ctx.out, name);
    // The record of what was estimated on this edition (the weights every pair shows come from it); as an
    // output it also makes a change of model a change of this stage's outputs for everything downstream.
    writeFileSync(out('model.json'), `${JSON.stringify({ ...model, estimated: estimation }, null, 2)}\n`);
    ctx.log(
      `${review} pair(s) to review in ${displayPath(join(ctx.edition.buildDir, 'dedupe', 'review.csv'))}` +
        (decisions.length ? `, ${decisions.length} decision(s) applied` : ''),
    );
  },
});

/** Pairs of this edition's records that the previous edition's dedupe put in one entity (sql/carried.sql);
 *  none for the first edition or when the previous one is not built. */
async function carriedOver(duck: Duck, edition: Edition): Promise<[string, string][]> {
  const previous = previousEdition(edition);
  if (!previous || !readManifest(previous, 'dedupe')) return [];
  await membershipKeys(duck, previous, 'dd_previous_edition_keys', (f) => join(SQL, f));
  await duck.runFile(join(SQL, 'carried.sql'), {});
  return (await duck.readTable<{ a: string; b: string }>('dd_carried_same', ['a', 'b'])).map((r) => [
    r.a,
    r.b,
  ]);
}

/**
 * The carried pairs that join a fact sheet to a record of its previous edition's entity: kept together by the
 * clustering. A fact sheet keeps its id whatever its name becomes, and a list row known by the same list and name
 * as last year (record-keys.sql) is last year's row; so a rename in the fact sheet keeps every row of the lists
 * that did not change, without a decision. Only a name its list writes once, now and last year: a second row of
 * that name inserted above it would otherwise take its key. A record an analyst separated (`olika`) is left to
 * the scores.
 */
async function keptWithFactsheet(
  duck: Duck,
  carried: [string, string][],
  cannotLink: [string, string][],
): Promise<[string, string][]> {
  if (carried.length === 0) return [];
  const separated = new Set(cannotLink.flat());
  const factsheets = new Set(
    (await duck.rowsOfFile<{ record_id: string }>(join(SQL, 'factsheet-records.sql'))).map(
      (r) => r.record_id,
    ),
  );
  const unique = new Set(
    (await duck.rowsOfFile<{ record_id: string }>(join(SQL, 'unique-name-records.sql'))).map(
      (r) => r.record_id,
    ),
  );
  // A fact sheet and a list row that was its initiative last edition, known by a name its list writes once.
  return carried.filter(
    ([a, b]) =>
      ((factsheets.has(a) && unique.has(b)) || (factsheets.has(b) && unique.has(a))) &&
      !separated.has(a) &&
      !separated.has(b),
  );
}

/** Every fact sheet must be in an entity with at least one source-list row: the report may not publish an
 *  initiative that no list named. */
async function checkFactsheets(duck: Duck, rawDir: string): Promise<void> {
  const lonely = await duck.rowsOfFile<{ rid: number; id: string; line: number; rubrik: string }>(
    join(SQL, 'lonely-factsheets.sql'),
  );
  if (lonely.length === 0) return;
  const first = lonely[0];
  const scored = await duck.rowsOfFile<{ fil: string; rad: number; namn: string; p: number }>(
    join(SQL, 'closest-scored.sql'),
    { rid: String(first.rid) },
  );
  const closest = scored.length
    ? scored
    : await duck.rowsOfFile<{ fil: string; rad: number; namn: string; p: number | null }>(
        join(SQL, 'closest-named.sql'),
        { rubrik: lit(first.rubrik) },
      );
  const shownClosest = closest
    .map((c) => `${shown(c.namn)} (${c.fil}:${c.rad}${c.p === null ? '' : `, p = ${c.p}`})`)
    .join(', ');
  const more =
    lonely.length > 1
      ? `; also ${lonely
          .slice(1)
          .map((l) => l.id)
          .join(', ')}`
      : '';
  throw new InputError(
    { file: displayPath(join(rawDir, FACTSHEET_FILE)), line: first.line },
    `a source-list row for fact sheet ${shown(first.id)} (${shown(first.rubrik)}); closest: ${shownClosest || 'none'}`,
    `none, so the report would publish an initiative no list named${more}`,
  );
}

/** A set of decisions that cannot all hold, named by the decisions file's lines. */
async function conflictError(
  duck: Duck,
  err: ConstraintConflict,
  decisions: Decision[],
  file: string,
): Promise<InputError> {
  const rows = await duck.rowsOfFile<{ rid: number; record_id: string; namn: string }>(
    join(SQL, 'conflict-records.sql'),
    { rids: `${err.a}, ${err.b}, ${err.x}, ${err.y}` },
  );
  const name = (rid: number) => shown(rows.find((r) => r.rid === rid)?.namn ?? String(rid));
  const involved = new Set(rows.map((r) => r.record_id));
  const lines = decisions
    .filter((d) => d.pairs.some(([a, b]) => involved.has(a) || involved.has(b)))
    .map((d) => d.line);
  const found =
    err.kind === 'faktablad'
      ? `a decision joining ${name(err.a)} and ${name(err.b)}, which puts the fact sheets ${name(err.x)} and ${name(err.y)} in one entity`
      : `decisions that both join and separate ${name(err.x)} and ${name(err.y)}`;
  return new InputError(
    { file, line: lines[0] },
    'decisions that can all hold (two fact sheets are always two initiatives)',
    `${found}${lines.length > 1 ? ` (see also lines ${lines.slice(1).join(', ')})` : ''}`,
  );
}
