// The catalogue of bad input that the earlier tests do not already cover (see README, Felsökning): each
// case is a copy of the 2009 edition with one thing broken, and the message it must give.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveEdition, runStage } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import criteria from '../../pipelines/criteria/src/stage.ts';
import dedupe from '../../pipelines/dedupe/src/stage.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import report from '../../pipelines/report/src/stage.ts';
import { startFromRepositoryBuild, type TempEdition, tempEdition } from '../support/edition.ts';
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
    t = startFromRepositoryBuild(tempEdition(2009));
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

  it("edition.json's year differs from its folder", async () => {
    const meta = t.read('edition.json');
    t.replace('edition.json', '"ar": 2009', '"ar": 2010');
    await expect(runStage(report, t.edition)).rejects.toThrow(
      /raw\/2009\/edition\.json:2: expected "ar": 2009, the year of the edition folder, found 2010$/,
    );
    t.write('edition.json', meta);
  });

  it('a description for an initiative without a fact sheet', async () => {
    writeFileSync(join(t.edition.rawDir, 'factsheets/descriptions/okand-klustret.md'), 'Text.\n');
    await expect(runStage(report, t.edition)).rejects.toThrow(
      /descriptions\/okand-klustret\.md: expected a description of a fact sheet in factsheets\.csv, found no fact sheet with id "okand-klustret"/,
    );
  });
});

/** A message for a person: located, and without an engine's words, a temporary path or a stack trace. */
function expectClean(message: string): void {
  expect(message).not.toMatch(/Invalid Input Error|Error: |\.tmp-\d+|\.utf8\.csv|\n\s+at /);
}

async function ingestError(t: TempEdition): Promise<string> {
  const err = await runStage(ingest, t.edition).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
  const message = (err as Error).message;
  expectClean(message);
  return message;
}

describe('line ends, encodings and field sizes', () => {
  let t: TempEdition;
  let list: string;
  let facts: string;
  beforeAll(() => {
    t = tempEdition(2009);
    list = t.read('sources/k1-vinnova.csv');
    facts = t.read('factsheets/factsheets.csv');
  });
  afterAll(() => t.cleanup());
  const restore = () => {
    t.write('sources/k1-vinnova.csv', list);
    t.write('factsheets/factsheets.csv', facts);
  };

  it('a source list with mixed line ends (one line changed in another editor) is read, with one warning', async () => {
    const lines = list.replace(/\r\n/g, '\n').split('\n');
    t.write('sources/k1-vinnova.csv', lines.map((l, i) => (i === 2 && l ? `${l}\r` : l)).join('\n'));
    const m = await runStage(ingest, t.edition);
    const w = messages(m).filter((x) => /mixed line ends/.test(x));
    expect(w).toEqual([
      expect.stringMatching(
        /sources\/k1-vinnova\.csv: mixed line ends \(CRLF and LF\): read with each line end as one$/,
      ),
    ]);
    expect(m.rows.candidates).toBe(201);
    restore();
  });

  it('a source list saved as UTF-16 (with byte order mark)', async () => {
    t.write(
      'sources/k1-vinnova.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(list, 'utf16le')]),
    );
    expect(await ingestError(t)).toMatch(
      /sources\/k1-vinnova\.csv:1:1: expected UTF-8 text, found UTF-16 \(byte order mark FF FE\): save the file as UTF-8$/,
    );
    restore();
  });

  it('a 10 MB name in a source list stops ingest at its line and column', async () => {
    const lines = list.split('\n');
    lines[1] = `${'Ö'.repeat(10 << 20)}${lines[1]}`;
    t.write('sources/k1-vinnova.csv', lines.join('\n'));
    expect(await ingestError(t)).toMatch(
      /^.*sources\/k1-vinnova\.csv:2:1: expected a field of at most 100 000 characters, found 10 485 7\d\d characters \("ÖÖÖ/,
    );
    restore();
  });

  it('a name over 1 000 characters', async () => {
    const lines = list.split('\n');
    lines[1] = `${'Klusternamn '.repeat(100)}${lines[1]}`;
    t.write('sources/k1-vinnova.csv', lines.join('\n'));
    expect(await ingestError(t)).toMatch(
      /sources\/k1-vinnova\.csv:2:1: expected a name of at most 1 000 characters, found 1 2\d\d characters/,
    );
    restore();
  });

  it('a 10 MB fact-table cell stops ingest at its line and column (the PDF would print a page of it)', async () => {
    t.write(
      'factsheets/factsheets.csv',
      facts.replace('Sparbankstiftelsen alfa, Region Värmland', `${'ord '.repeat(10 << 18)}`),
    );
    expect(await ingestError(t)).toMatch(
      /factsheets\/factsheets\.csv:35:\d+: expected a field of at most 100 000 characters, found 10 485 760 characters/,
    );
    restore();
  });

  it('a fact-table cell over 2 000 characters', async () => {
    t.write(
      'factsheets/factsheets.csv',
      facts.replace('Sparbankstiftelsen alfa, Region Värmland', `${'ord '.repeat(600)}`),
    );
    expect(await ingestError(t)).toMatch(
      /factsheets\/factsheets\.csv:35:\d+: expected a fact-table field \(Finansiärer\) of at most 2 000 characters, found 2 400 characters/,
    );
    restore();
  });
});

describe('a statistics file with mixed line ends', () => {
  it('builds, with one warning naming the file', async () => {
    const t = startFromRepositoryBuild(tempEdition(2009));
    try {
      const stats = 'employment/scb-am0207k-2008.csv';
      const lines = readFileSync(t.path(stats)).toString('latin1').split('\r\n');
      // An editor changed line 10 and saved it with LF.
      const text = `${lines.slice(0, 9).join('\r\n')}\r\n${lines[9]}\n${lines.slice(10).join('\r\n')}`;
      t.write(stats, Buffer.from(text, 'latin1'));
      const m = await buildEdition(t.edition, 'employment');
      expect(messages(m.employment)).toEqual([
        expect.stringMatching(
          /employment\/scb-am0207k-2008\.csv: mixed line ends \(CRLF and LF\): read with each line end as one$/,
        ),
      ]);
    } finally {
      t.cleanup();
    }
  }, 240_000);
});
