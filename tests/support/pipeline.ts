// Runs every stage of an edition in process, in order (the tests' way of building a changed copy).
import { type Edition, type Manifest, runStage } from '@kk/core';
import changes from '../../pipelines/changes/src/stage.ts';
import criteria from '../../pipelines/criteria/src/stage.ts';
import dedupe from '../../pipelines/dedupe/src/stage.ts';
import employment from '../../pipelines/employment/src/stage.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import report from '../../pipelines/report/src/stage.ts';

export const STAGES = { ingest, dedupe, employment, criteria, changes, report };
export type StageName = keyof typeof STAGES;
const ORDER: StageName[] = ['ingest', 'dedupe', 'employment', 'criteria', 'changes', 'report'];

/** Runs the stages up to and including `until`, returning their manifests. */
export async function buildEdition(
  edition: Edition,
  until: StageName = 'report',
): Promise<Record<string, Manifest>> {
  const out: Record<string, Manifest> = {};
  for (const name of ORDER) {
    out[name] = await runStage(STAGES[name], edition);
    if (name === until) break;
  }
  return out;
}
