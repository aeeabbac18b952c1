import { runStage } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { stageStatuses } from '../../packages/cli/src/status.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import { type TempEdition, tempEdition } from '../support/edition.ts';

let t: TempEdition | undefined;
afterEach(() => t?.cleanup());

describe('npm run status', () => {
  it('says per stage whether its output is current, and why not', async () => {
    t = tempEdition(2009);
    const before = await stageStatuses(t.edition);
    expect(before.every((s) => !s.current && s.reasons.includes('never built'))).toBe(true);

    await runStage(ingest, t.edition);
    const built = Object.fromEntries((await stageStatuses(t.edition)).map((s) => [s.stage, s]));
    expect(built.ingest).toEqual({ stage: 'ingest', current: true, pending: false, reasons: [] });
    expect(built.dedupe.reasons).toEqual(['never built']);

    t.replace('sources/k1-vinnova.csv', 'www.', 'http://www.');
    const edited = Object.fromEntries((await stageStatuses(t.edition)).map((s) => [s.stage, s]));
    expect(edited.ingest.current).toBe(false);
    expect(edited.ingest.reasons).toEqual(['raw/2009/sources/k1-vinnova.csv changed']);
  });
});
