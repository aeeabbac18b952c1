import { join } from 'node:path';
import { columnTypes, defineStage, loadRows, runModels, threadsFor } from '@kk/core';
import { readFactsheets } from './factsheets.ts';
import { REFERENCE_TABLES, type ReferenceName, readReference } from './reference.ts';
import { readSources } from './sources.ts';
import { readSurvey } from './survey.ts';

/** Stage 1: typed, validated tables out of the raw lists, fact sheets and reference data. */
export default defineStage({
  name: 'ingest',
  async run(ctx) {
    const raw = ctx.edition.rawDir;
    const sources = await readSources(raw);
    // The returned questionnaires first: the answers in force are read into the fact sheets.
    const survey = await readSurvey(raw, ctx.edition.year);
    const facts = readFactsheets(raw, ctx.edition.year, survey.overrides);
    const reference = readReference(raw);
    for (const w of [...sources.warnings, ...survey.warnings, ...facts.warnings, ...reference.warnings])
      ctx.warn(w);

    const largest = Math.max(
      sources.candidates.length,
      facts.factsheets.length,
      survey.answers.length,
      ...Object.values(reference.tables).map((rows) => rows.length),
    );
    const duck = await ctx.duck(threadsFor(largest));
    // Each reader's rows become a staging table of the output's shape; the models (models/*.sql) make the
    // outputs from them.
    const tmp = join(ctx.out, '.load.ndjson');
    const stage = async (table: string, rows: object[]) =>
      loadRows(duck, `stg_${table}`, columnTypes('ingest', table), rows as Record<string, unknown>[], tmp);
    await stage('source_lists', sources.lists);
    await stage('candidates', sources.candidates);
    await stage('factsheets', facts.factsheets);
    await stage('enkat_svar', survey.answers);
    await stage('enkat_status', survey.status);
    await stage('enkat_obesvarade', survey.unanswered);
    await stage('sjalvbedomning', survey.self);
    for (const name of Object.keys(REFERENCE_TABLES) as ReferenceName[]) {
      await stage(`ref_${name}`, reference.tables[name]);
    }
    await runModels(duck, ctx);
    ctx.log(
      `${sources.candidates.length} candidate rows from ${sources.lists.length} lists, ${facts.factsheets.length} fact sheets${survey.status.some((r) => r.besvarad) ? `, ${survey.status.filter((r) => r.besvarad).length} questionnaires answered` : ''}`,
    );
  },
});
