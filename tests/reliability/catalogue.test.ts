// The catalogue of bad input that the earlier tests do not already cover (see README, Felsökning): each
// case is a copy of the 2009 edition with one thing broken, and the message it must give.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveEdition, runStage } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import criteria from '../../pipelines/criteria/src/stage.ts';
import dedupe from '../../pipelines/dedupe/src/stage.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import report from '../../pipelines/report/src/stage.ts';
import { type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

const messages = (m: { warnings: { location: string; message: string }[] }) =>
  m.warnings.map((w) => `${w.location}: ${w.message}`);

describe('soft problems in a source list are warnings, the rows kept', () => {
  let t: TempEdition;
  beforeAll(() => {
    t = tempEdition(2009);
  });
  afterAll(() => t.cleanup());

  it('a list with a header only, a duplicated line, and a number where the name belongs', async () => {
    const vinnova = t.read('sources/k1-vinnova.csv').split('\n');
    // line 2 again at the end (a duplicate), and a row whose name is a number
    const numbered = vinnova[2].replace(/^[^,]+/, '12345');
    t.write('sources/k1-vinnova.csv', [...vinnova.filter(Boolean), vinnova[1], numbered, ''].join('\n'));
    const halland = t.read('sources/k1-region-halland.csv');
    t.write('sources/k1-region-halland.csv', `${halland.split('\n')[0]}\n`);
    const m = await runStage(ingest, t.edition);
    const w = messages(m);
    expect(w.some((x) => /k1-region-halland\.csv:1: the list has no rows/.test(x))).toBe(true);
    expect(
      w.some((x) =>
        new RegExp(`k1-vinnova\\.csv:${vinnova.filter(Boolean).length + 1}: duplicate of line 2`).test(x),
      ),
    ).toBe(true);
    expect(w.some((x) => /k1-vinnova\.csv:\d+:1: a number where a name belongs: "12345"/.test(x))).toBe(true);
    expect(m.rows.candidates).toBe(201 - 1 + 2);
  });
});

describe('a missing edition', () => {
  it('names the folder and the editions there are', () => {
    expect(() => resolveEdition({ year: 1999 })).toThrow(
      /raw\/1999: expected an edition folder \(editions here: .*2009.*\), found no such folder/,
    );
  });
});

describe('decisions and descriptions that cannot be printed', () => {
  let t: TempEdition;
  beforeAll(async () => {
    t = tempEdition(2009);
    await buildEdition(t.edition, 'changes');
  }, 240_000);
  afterAll(() => t.cleanup());

  it('a candidate with no fact sheet decided into list 1', async () => {
    // Telecom City's fact sheet (and description) gone: the lists still name it, the decision keeps it in list 1.
    const facts = t.read('factsheets/factsheets.csv');
    const start = facts.indexOf('\ntelecom-city,') + 1;
    const end = facts.indexOf('\nspaceport-sweden,') + 1;
    t.write('factsheets/factsheets.csv', facts.slice(0, start) + facts.slice(end));
    const description = t.read('factsheets/descriptions/telecom-city.md');
    rmSync(t.path('factsheets/descriptions/telecom-city.md'));
    await runStage(ingest, t.edition);
    await runStage(dedupe, t.edition);
    await expect(runStage(criteria, t.edition)).rejects.toThrow(
      /initiativ\.csv:\d+:\d+: expected beslut: bort, or a fact sheet for "telecom-city" .*found "lista1" for a candidate with no fact sheet/,
    );
    t.write('factsheets/factsheets.csv', facts);
    t.write('factsheets/descriptions/telecom-city.md', description);
    await runStage(ingest, t.edition);
    await runStage(dedupe, t.edition);
    await runStage(criteria, t.edition);
  });

  it('a description of 1 MB', async () => {
    const path = 'factsheets/descriptions/compare.md';
    const original = t.read(path);
    t.write(path, 'ord '.repeat(260_000));
    await expect(runStage(report, t.edition)).rejects.toThrow(
      /descriptions\/compare\.md: expected a description that fits the initiative's page \(at most 1000 words; the method says 250\), found 260000 words/,
    );
    t.write(path, original);
  });

  it('a NUL byte in a description', async () => {
    const path = 'factsheets/descriptions/compare.md';
    const original = t.read(path);
    writeFileSync(
      t.path(path),
      Buffer.concat([Buffer.from('Stiftelsen\n'), Buffer.from([0]), Buffer.from('x')]),
    );
    await expect(runStage(report, t.edition)).rejects.toThrow(
      /descriptions\/compare\.md:2:1: expected text, found a NUL byte/,
    );
    t.write(path, original);
  });

  it('a description for an initiative without a fact sheet', async () => {
    writeFileSync(join(t.edition.rawDir, 'factsheets/descriptions/okand-klustret.md'), 'Text.\n');
    await expect(runStage(report, t.edition)).rejects.toThrow(
      /descriptions\/okand-klustret\.md: expected a description of a fact sheet in factsheets\.csv, found no fact sheet with id "okand-klustret"/,
    );
  });
});
