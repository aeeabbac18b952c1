import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  columnTypes,
  currentStageDir,
  Duck,
  defineStage,
  loadRows,
  previousEdition,
  readManifest,
  runModels,
} from '@kk/core';
import { chapterOf, diffEditions, readEditionOutputs, summaryJson } from '@kk/diff';

/**
 * Stage 5: what changed since the previous edition, compared with the same matching as the dedupe stage (a
 * rename is one initiative). Writes the table `changes` and, for the report, `chapter.json` (the chapter on
 * changes) and `summary.json`. The first edition, or one whose previous edition has not been built, has no
 * changes: the table is empty and there is no chapter.
 */
export default defineStage({
  name: 'changes',
  async run(ctx) {
    const previous = previousEdition(ctx.edition);
    const built = previous && readManifest(previous, 'criteria') && readManifest(previous, 'employment');
    const duck = await Duck.open();
    try {
      const rows: Record<string, unknown>[] = [];
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
        writeFileSync(join(ctx.out, 'chapter.json'), `${JSON.stringify(chapterOf(diff), null, 2)}\n`);
        writeFileSync(join(ctx.out, 'summary.json'), summaryJson(diff));
        ctx.log(`${diff.changes.length} changes since ${previous.year}`);
      } else {
        ctx.log(
          previous ? `edition ${previous.year} is not built: no changes` : 'the first edition: no changes',
        );
      }
      await loadRows(
        duck,
        'stg_changes',
        columnTypes('changes', 'changes'),
        rows,
        join(ctx.out, '.load.ndjson'),
      );
      await runModels(duck, ctx);
    } finally {
      duck.close();
    }
  },
});
