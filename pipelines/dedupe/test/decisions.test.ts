// An analyst's decisions in raw/<year>/dedupe/beslut.csv win over the scores, are honoured on the next run,
// and a decision or a fact sheet that names nothing stops the run with the file and line to fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, runStage } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempEdition } from '../../../tests/support/edition.ts';
import dedupe from '../src/stage.ts';
import { type Built, built, ingested } from './support.ts';

const HEADER = 'fil_a,namn_a,fil_b,namn_b,beslut,anteckning\n';
const cleanup: TempEdition[] = [];
afterEach(() => {
  for (const t of cleanup.splice(0)) t.cleanup();
});

async function withDecisions(rows: string): Promise<Built> {
  const b = await built(2009, (t) => t.write('dedupe/beslut.csv', HEADER + rows));
  cleanup.push(b.t);
  return b;
}

const entityOf = (b: Built, name: string) => {
  const ids = new Set(
    b
      .csv('membership.csv')
      .filter((m) => m.namn === name)
      .map((m) => m.entity_id),
  );
  expect(ids.size).toBe(1);
  return [...ids][0];
};

async function failure(t: TempEdition): Promise<InputError> {
  cleanup.push(t);
  const err = await runStage(dedupe, t.edition).catch((e) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('decisions in beslut.csv', () => {
  it('"samma" joins what the scores leave apart, and the pair leaves review.csv', async () => {
    const before = await withDecisions('');
    const bio = (b: Built) => b.csv('review.csv').filter((r) => r.namn_b === 'Uppsala BIO-X');
    expect(bio(before)).toHaveLength(1);
    const b = await withDecisions(
      'sources/k1-regionforbundet-uppsala-lan.csv,Uppsala BIO-X,factsheets/factsheets.csv,uppsala-bio,samma,' +
        'test: a programme counted with its parent\n',
    );
    expect(entityOf(b, 'Uppsala BIO-X')).toBe('uppsala-bio');
    const bioX = b.csv('membership.csv').find((m) => m.namn === 'Uppsala BIO-X');
    expect(bioX?.kopplad_via).toBe('beslut');
    expect(bio(b)).toHaveLength(0);
    expect(b.csv('review.csv')).toHaveLength(before.csv('review.csv').length - 1);
    expect(b.csv('entities.csv')).toHaveLength(before.csv('entities.csv').length - 1);
  });

  it('"olika" parts what the scores join, for every row of that name in that file', async () => {
    const b = await withDecisions(
      'sources/k2-visanu-2003.csv,Stiftelsen Compare Karlstad,factsheets/factsheets.csv,compare,olika,' +
        '"test: the foundation, not the initiative"\n',
    );
    expect(entityOf(b, 'Compare')).toBe('compare');
    expect(entityOf(b, 'Stiftelsen Compare Karlstad')).toBe('stiftelsen-compare-karlstad');
    const ledger = b.csv('ledger.csv').find((r) => r.raw_name === 'Stiftelsen Compare Karlstad');
    expect(ledger?.entity_id).toBe('stiftelsen-compare-karlstad');
  });

  it('a decision that names no record is an error at its line, with the closest names', async () => {
    const t = await ingested(2009, (x) =>
      x.write(
        'dedupe/beslut.csv',
        `${HEADER}sources/k1-vinnova.csv,Triple Steelix,sources/k1-lansstyrelser.csv,Triple Steelix,samma,ok\n` +
          'sources/k1-vinnova.csv,Tripel Steelix,sources/k1-lansstyrelser.csv,Triple Steelix,samma,typo\n',
      ),
    );
    const err = await failure(t);
    expect(err.message).toMatch(
      /(^|\/)raw\/2009\/dedupe\/beslut\.csv:3:\d+: expected a record of sources\/k1-vinnova\.csv named "Tripel Steelix"/,
    );
    expect(err.message).toContain('closest: "Triple Steelix"');
  });

  it('a decision without a note, or with another word than samma/olika, is an error', async () => {
    const t = await ingested(2009, (x) =>
      x.write(
        'dedupe/beslut.csv',
        `${HEADER}sources/k1-vinnova.csv,Triple Steelix,sources/k1-lansstyrelser.csv,Triple Steelix,ja,\n`,
      ),
    );
    const err = await failure(t);
    expect(err.message).toMatch(/beslut\.csv:2:\d+: expected beslut: samma or olika, found "ja"/);
  });

  it('"samma" between two fact sheets is an error: two published initiatives cannot be one', async () => {
    const t = await ingested(2009, (x) =>
      x.write(
        'dedupe/beslut.csv',
        `${HEADER}factsheets/factsheets.csv,telecom-city,factsheets/factsheets.csv,telematics-valley,samma,test\n`,
      ),
    );
    const err = await failure(t);
    expect(err.message).toMatch(
      /(^|\/)raw\/2009\/dedupe\/beslut\.csv:2: expected decisions that can all hold/,
    );
    expect(err.message).toContain(
      'puts the fact sheets "telecom-city" and "telematics-valley" in one entity',
    );
  });
});

describe('fact sheets', () => {
  it('a fact sheet that no list names is an error at its line in factsheets.csv, with the closest rows', async () => {
    const t = await ingested(2009, (x) => {
      for (const file of ['sources/k1-kommuner.csv', 'sources/k2-cluster-observatory.csv']) {
        const lines = x.read(file).split('\n');
        x.write(file, lines.filter((l) => !/^(Nybro;)?Glasriket[;,]/.test(l)).join('\n'));
      }
    });
    const line = readFileSync(join(t.edition.rawDir, 'factsheets', 'factsheets.csv'), 'utf8')
      .split('\n')
      .findIndex((l) => l.startsWith('glasriket,'));
    const rows = parse(readFileSync(join(t.edition.rawDir, 'factsheets', 'factsheets.csv'), 'utf8'), {
      columns: true,
      info: true,
    }) as { record: { id: string }; info: { lines: number } }[];
    expect(rows.some((r) => r.record.id === 'glasriket')).toBe(true);
    const err = await failure(t);
    expect(err.message).toMatch(
      new RegExp(
        `(^|/)raw/2009/factsheets/factsheets\\.csv:${line + 1}: expected a source-list row for fact sheet "glasriket"`,
      ),
    );
    expect(err.message).toContain('closest:');
    expect(err.message).toContain('no list named');
  });
});
