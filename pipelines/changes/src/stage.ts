import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  columnTypes,
  currentStageDir,
  defineStage,
  loadRows,
  previousEdition,
  readManifest,
  runModels,
} from '@kk/core';
import { chapterFacts, diffEditions, readEditionOutputs, summaryJson } from '@kk/diff';

/**
 * Stage 5: what changed since the previous edition, compared with the same matching as the dedupe stage (a
 * rename is one initiative). Writes the table `changes`, for the report the facts of its chapter on changes
 * (`kapitel`, `kapitel_rader`; the chapter's words are the report's), and `summary.json`. The first edition, or
 * one whose previous edition has not been built, has no changes: the tables are empty and there is no chapter.
 */
export default defineStage({
  name: 'changes',
  async run(ctx) {
    const previous = previousEdition(ctx.edition);
    const built = previous && readManifest(previous, 'criteria') && readManifest(previous, 'employment');
    const duck = await ctx.duck();
    const rows: Record<string, unknown>[] = [];
    const chapter: { kapitel: object[]; rader: object[] } = { kapitel: [], rader: [] };
    if (previous && built) {
      const diff = await diffEditions(
        await readEditionOutputs(duck, previous.buildDir),
        // This run's outputs: staged until the whole run succeeds.
        await readEditionOutputs(duck, ctx.edition.buildDir, {
          stageDir: (stage) => currentStageDir(ctx.edition, stage),
        }),
      );
      diff.changes.forEach((c, i) => {
        rows.push({ ordning: i + 1, ...c });
      });
      const facts = chapterFacts(diff);
      chapter.kapitel.push(facts.kapitel);
      chapter.rader.push(...facts.rader);
      writeFileSync(join(ctx.out, 'summary.json'), summaryJson(diff));
      ctx.log(`${diff.changes.length} changes since ${previous.year}`);
    } else {
      ctx.log(
        previous ? `edition ${previous.year} is not built: no changes` : 'the first edition: no changes',
      );
    }
    const stage = (table: string, model: string, data: object[]) =>
      loadRows(duck, table, columnTypes('changes', model), data as Record<string, unknown>[], tmp);
    const tmp = join(ctx.out, '.load.ndjson');
    await stage('stg_changes', 'changes', rows);
    await stage('stg_kapitel', 'kapitel', chapter.kapitel);
    await stage('stg_kapitel_rader', 'kapitel_rader', chapter.rader);
    await runModels(duck, ctx);
  },
});
