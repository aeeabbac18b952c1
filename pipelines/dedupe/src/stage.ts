import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Duck,
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

const SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

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
    const duck = await Duck.open();
    try {
      await duck.runFile(join(SQL, 'input.sql'), {
        candidates: await ref(duck, ctx.edition, 'ingest', 'candidates', CANDIDATE_COLUMNS),
        factsheets: await ref(duck, ctx.edition, 'ingest', 'factsheets', FACTSHEET_COLUMNS),
        factsheets_file: lit(FACTSHEET_FILE),
      });
      const { decisions, warnings, file: decisionsFile } = await readDecisions(ctx.edition, duck);
      for (const w of warnings) ctx.warn(w);
      const mustLink = decisions.filter((d) => d.same).flatMap((d) => d.pairs);
      const labelledSame = await carriedOver(duck, ctx.edition);
      if (labelledSame.length)
        ctx.log(
          `${labelledSame.length} pair(s) of records one initiative in the previous edition: labelled for the estimation`,
        );
      await checkDecisionsAgainstAssessments(duck, ctx.edition, decisions, decisionsFile, (f) =>
        join(SQL, f),
      );
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
      await duck.run(`
        CREATE OR REPLACE TABLE dd_decided AS
        SELECT ra.rid AS a, rb.rid AS b, d.samma
        FROM dd_decided_ids d JOIN dd_records ra ON ra.record_id = d.a JOIN dd_records rb ON rb.record_id = d.b`);
      await loadRows(
        duck,
        'dd_kept',
        { a: 'VARCHAR', b: 'VARCHAR' },
        keepTogether.map(([a, b]) => ({ a, b })),
        tmp,
      );
      await checkFactsheets(duck, ctx.edition.rawDir);
      await scoreNearPairs(duck, model);
      // Before the previous outputs are replaced: what this run changed in the existing entities (this stage's
      // own last published output).
      const membershipFile = displayPath(join(ctx.edition.buildDir, 'dedupe', 'membership.csv'));
      for (const w of await membershipChanges(duck, model, ctx.edition, membershipFile)) ctx.warn(w);
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
    } finally {
      duck.close();
    }
  },
});

/** Pairs of this edition's records that the previous edition's dedupe put in one entity (sql/carried.sql);
 *  none for the first edition or when the previous one is not built. */
async function carriedOver(duck: Duck, edition: Edition): Promise<[string, string][]> {
  const previous = previousEdition(edition);
  if (!previous || !readManifest(previous, 'dedupe')) return [];
  await membershipKeys(duck, previous, 'dd_previous_edition_keys', (f) => join(SQL, f));
  await duck.runFile(join(SQL, 'carried.sql'), {});
  return (await duck.rows<{ a: string; b: string }>('SELECT a, b FROM dd_carried_same')).map((r) => [
    r.a,
    r.b,
  ]);
}

/**
 * The carried pairs that join a fact sheet to a record of its previous edition's entity: kept together by the
 * clustering. A fact sheet keeps its id whatever its name becomes, and a list row known by the same list and name
 * as last year (record-keys.sql) is last year's row; so a rename in the fact sheet keeps every row of the lists
 * that did not change, without a decision. A record an analyst separated (`olika`) is left to the scores.
 */
async function keptWithFactsheet(
  duck: Duck,
  carried: [string, string][],
  cannotLink: [string, string][],
): Promise<[string, string][]> {
  if (carried.length === 0) return [];
  const separated = new Set(cannotLink.flat());
  const factsheets = new Set(
    (await duck.rows<{ record_id: string }>('SELECT record_id FROM dd_input WHERE faktablad')).map(
      (r) => r.record_id,
    ),
  );
  return carried.filter(
    ([a, b]) => (factsheets.has(a) || factsheets.has(b)) && !separated.has(a) && !separated.has(b),
  );
}

/** Every fact sheet must be in an entity with at least one source-list row: the report may not publish an
 *  initiative that no list named. */
async function checkFactsheets(duck: Duck, rawDir: string): Promise<void> {
  const lonely = await duck.rows<{ rid: number; id: string; line: number; rubrik: string }>(`
    SELECT r.rid, i.faktablad_id AS id, i.source_line AS line, trim(i.namn) AS rubrik
    FROM dd_cluster c JOIN dd_records r USING (rid) JOIN dd_input i ON i.record_id = r.record_id
    WHERE i.faktablad AND NOT EXISTS (
      SELECT 1 FROM dd_cluster c2 JOIN dd_input i2 ON i2.record_id = c2.record_id
      WHERE c2.cluster = c.cluster AND NOT i2.faktablad)
    ORDER BY i.source_line`);
  if (lonely.length === 0) return;
  const first = lonely[0];
  const scored = await duck.rows<{ fil: string; rad: number; namn: string; p: number }>(`
    SELECT i.source_file AS fil, i.source_line AS rad, trim(i.namn) AS namn, round(p.sannolikhet, 2) AS p
    FROM dd_pairs p
    JOIN dd_records o ON o.rid = CASE WHEN p.a = ${first.rid} THEN p.b ELSE p.a END
    JOIN dd_input i ON i.record_id = o.record_id
    WHERE (p.a = ${first.rid} OR p.b = ${first.rid}) AND NOT i.faktablad
    ORDER BY p.sannolikhet DESC, i.source_file, i.source_line LIMIT 3`);
  const closest = scored.length
    ? scored
    : await duck.rows<{ fil: string; rad: number; namn: string; p: number | null }>(`
        SELECT source_file AS fil, source_line AS rad, trim(namn) AS namn, NULL AS p FROM dd_input
        WHERE NOT faktablad
        ORDER BY jaro_winkler_similarity(lower(namn), lower(${lit(first.rubrik)})) DESC, source_file, source_line
        LIMIT 3`);
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
  const rows = await duck.rows<{ rid: number; record_id: string; namn: string }>(`
    SELECT r.rid, r.record_id, CASE WHEN i.faktablad THEN i.faktablad_id ELSE i.source_file || ' ' || trim(i.namn) END AS namn
    FROM dd_records r JOIN dd_input i ON i.record_id = r.record_id
    WHERE r.rid IN (${err.a}, ${err.b}, ${err.x}, ${err.y})`);
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
