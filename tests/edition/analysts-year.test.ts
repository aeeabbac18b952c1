// The rest of the analyst's year (issue 24, item 4), in process on a new edition 2010 started from 2009 in a
// temporary raw root: a rename needs no decision, status lists every undecided review pair and review.csv asks
// only what can be joined, every place printed opens from where the command ran, a samma against the meeting's
// decisions is refused at its line, an initiative no list names is an open item, SCB's file keeps its own name,
// and carried-over rows are confirmed in one command.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Edition, openItems, REPO_ROOT, readCsv, resolveEdition, runStage } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmFile } from '../../packages/cli/src/confirm.ts';
import { newEdition } from '../../packages/cli/src/edition.ts';
import { readStatManifest } from '../../pipelines/employment/src/statistics/manifest.ts';
import { buildEdition, STAGES } from '../support/pipeline.ts';

let root: string;
let ed: Edition;
const file = (rel: string) => join(ed.rawDir, rel);
const edit = (rel: string, from: string, to: string) => {
  const text = readFileSync(file(rel), 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  writeFileSync(file(rel), text.replace(from, to));
};
const table = (stage: string, name: string) =>
  readCsv(join(ed.buildDir, stage, name), { encoding: 'utf-8' }).rows.map((r) => r.record);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kk-year-'));
  const raw = join(root, 'raw');
  const build = join(root, 'build');
  newEdition('2010', { raw });
  // The previous edition's entities, built into the same build root: the labels the new edition carries.
  await buildEdition(resolveEdition({ year: 2009, raw, build }, {}), 'dedupe');
  ed = resolveEdition({ year: 2010, raw, build }, {});
  // Film i Väst renamed Film Väst with a new site, in its fact sheet (id kept) and in the one list that changed;
  // the two lists that did not change still write the old name and site.
  edit(
    'factsheets/factsheets.csv',
    'film-i-vast,1,,26,Film i Väst,Västra Götaland (Trollhättan),Film i Väst,55,www.filmivast.se,',
    'film-i-vast,1,,26,Film Väst,Västra Götaland (Trollhättan),Film Väst,55,www.filmvast.se,',
  );
  const vgr = file('sources/k1-vastra-gotalandsregionen.csv');
  writeFileSync(
    vgr,
    readFileSync(vgr, 'latin1').replace('Film i Väst;www.filmivast.se;', 'Film Väst;www.filmvast.se;'),
    'latin1',
  );
  // Åre Akademi, assessed last year, is named by no list this year.
  edit('sources/k1-kommuner.csv', readFileSync(file('sources/k1-kommuner.csv'), 'utf8').split('\n')[12], '');
  await buildEdition(ed, 'criteria');
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the analyst's year, smoothed", () => {
  it('a rename keeps last year’s rows with the fact sheet: no decision, nothing to review', () => {
    const film = table('dedupe', 'membership.csv').filter((r) => /Film (i )?Väst/.test(r.namn));
    expect(film).toHaveLength(4);
    expect(new Set(film.map((r) => r.entity_id))).toEqual(new Set(['film-i-vast']));
    expect(table('dedupe', 'review.csv').filter((r) => /film/i.test(r.entity_a + r.entity_b))).toEqual([]);
  });

  it('review.csv asks no pair of two fact sheets; status lists every pair it asks, carried-over ones too', () => {
    const withSheet = new Set(
      table('dedupe', 'entities.csv')
        .filter((e) => e.factsheet_id)
        .map((e) => e.entity_id),
    );
    const review = table('dedupe', 'review.csv');
    expect(review.length).toBeGreaterThan(0);
    expect(review.filter((r) => withSheet.has(r.entity_a) && withSheet.has(r.entity_b))).toEqual([]);
    expect(openItems(ed).filter((i) => i.kind === 'granskning')).toHaveLength(review.length);
  });

  it('an initiative no list names is an open item, not a stop', () => {
    const gone = openItems(ed).filter((i) => i.kind === 'borttagen');
    expect(gone.map((i) => i.what)).toEqual(['Åre Akademi (are-akademi)']);
    expect(gone[0].todo).toMatch(
      /^borttagen ur källorna\? ta bort dess bedömning .* eller behåll den med motivering/,
    );
    expect(gone[0].line).toBe(76);
    expect(gone[0].also).toEqual([`${gone[0].file.replace('initiativ', 'bedomningar')}:446–451`]);
  });

  it('a carried-over file saved with an empty first line (as an editor may leave it) still lists its rows', () => {
    const carried = () =>
      openItems(ed)
        .filter((i) => i.kind === 'overford')
        .map((i) => [i.what, i.file]);
    const before = carried();
    expect(before.filter(([, f]) => f.endsWith('factsheets/factsheets.csv')).length).toBeGreaterThan(60);
    const path = file('factsheets/factsheets.csv');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, `\n${text}`);
    try {
      expect(carried()).toEqual(before);
    } finally {
      writeFileSync(path, text);
    }
  });

  it('every place status, the appendix and the workbook print opens from where the command ran', () => {
    const items = openItems(ed);
    const places = items.flatMap((i) => [i.file, ...i.also.map((p) => p.replace(/:\d+(–\d+)?$/, ''))]);
    expect(places.length).toBeGreaterThan(100);
    expect(places.filter((p) => !existsSync(join(process.cwd(), p)) && !existsSync(p))).toEqual([]);
    // A raw root given relative to the repository is printed the same way.
    const inside = join(REPO_ROOT, 'build', `.kk-year-${process.pid}`);
    mkdirSync(inside, { recursive: true });
    try {
      cpSync(ed.rawDir, join(inside, '2010'), { recursive: true });
      const rel = resolveEdition(
        { year: 2010, raw: `build/.kk-year-${process.pid}`, build: ed.buildRoot },
        {},
      );
      const shown = openItems(rel).map((i) => i.file);
      expect(shown).toContain(`build/.kk-year-${process.pid}/2010/sources/manifest.csv`);
      expect(shown.filter((p) => !existsSync(join(REPO_ROOT, p)))).toEqual([]);
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  });

  it('a samma between two entities the meeting judged separately is refused at its line, naming initiativ.csv', async () => {
    const before = readFileSync(file('dedupe/beslut.csv'), 'utf8');
    writeFileSync(
      file('dedupe/beslut.csv'),
      `${before}factsheets/factsheets.csv,uppsala-bio,sources/k1-regionforbundet-uppsala-lan.csv,Uppsala BIO-X,samma,"samma, sa någon"\n`,
    );
    try {
      await expect(runStage(STAGES.dedupe, ed)).rejects.toThrow(
        /beslut\.csv:2: expected samma only between entities not judged separately .*found samma between "uppsala-bio" \(.*criteria\/initiativ\.csv:20\) and "uppsala-bio-x" \(.*initiativ\.csv:86\)/,
      );
    } finally {
      writeFileSync(file('dedupe/beslut.csv'), before);
    }
  });

  it("statistik.csv asks for SCB's file by no made-up name; an empty kontroll_riket is a note, not an error", () => {
    const ask = readCsv(file('employment/statistik.csv'), { encoding: 'utf-8' }).rows.at(-1)?.record;
    expect(ask).toMatchObject({ fil: '', kontroll_ar: '2009', kontroll_riket: '', levererad: 'nej' });
    expect(openItems(ed).find((i) => i.kind === 'statistik')?.what).toBe(
      'SCB:s fil som den laddades ner (AM0207K, 2009)',
    );
    // SCB's download under its own name, the national total left empty.
    const dir = join(root, 'scb');
    cpSync(join(REPO_ROOT, 'tests/fixtures/raw/2010/employment'), dir, { recursive: true });
    cpSync(join(dir, 'scb-am0207k-2008-2009.csv'), join(dir, 'AM0207K_20101201-1033.csv'));
    rmSync(join(dir, 'scb-am0207k-2008-2009.csv'));
    const stats = readFileSync(join(dir, 'statistik.csv'), 'utf8');
    writeFileSync(
      join(dir, 'statistik.csv'),
      stats
        .replace('scb-am0207k-2008-2009.csv,', 'AM0207K_20101201-1033.csv,')
        .replace(',2009,4280743,', ',2009,,'),
    );
    const { files, warnings } = readStatManifest(dir);
    expect(files.map((f) => [f.fil, f.kontroll])).toEqual([['AM0207K_20101201-1033.csv', null]]);
    expect(warnings.filter((w) => /no national total given for 2009/.test(w.message))).toHaveLength(1);
  });

  it('edition confirm marks the chosen carried-over rows bekräftad with the date and changes nothing else', () => {
    const rel = 'criteria/bedomningar.csv';
    const before = readFileSync(file(rel), 'utf8');
    const r = confirmFile(file(rel), '446–451,processit-innovations', '2026-12-07');
    expect(r.confirmed).toEqual([2, 3, 4, 5, 6, 7, 446, 447, 448, 449, 450, 451]);
    const after = readFileSync(file(rel), 'utf8');
    const changed = after
      .split('\n')
      .map((line, i) => [i + 1, line] as const)
      .filter(([i, line]) => line !== before.split('\n')[i - 1]);
    expect(changed.map(([i]) => i)).toEqual(r.confirmed);
    for (const [i, line] of changed)
      expect(line).toBe(before.split('\n')[i - 1].replace(/,överförd$/, ',bekräftad 2026-12-07'));
    // Confirmed rows are no longer open; the others still are.
    const open = openItems(ed).filter((i) => i.kind === 'overford');
    expect(open.find((i) => /processit/.test(i.what))?.also.join(' ')).not.toMatch(/bedomningar/);
    expect(open.find((i) => /internet-bay/.test(i.what))?.also.join(' ')).toMatch(/bedomningar\.csv:8–13/);
    // The lists asked for: levererad nej → ja on the chosen rows only (a list by its file name or line).
    const manifest = file('sources/manifest.csv');
    const listsBefore = readFileSync(manifest, 'utf8');
    const lists = confirmFile(manifest, 'k1-vinnova.csv,3', '2026-12-07');
    expect(lists).toMatchObject({ wrote: 'ja', open: 'nej' });
    expect(lists.confirmed).toHaveLength(2);
    const listsAfter = readFileSync(manifest, 'utf8').split('\n');
    const listsChanged = listsBefore
      .split('\n')
      .flatMap((line, i) => (line === listsAfter[i] ? [] : [i + 1]));
    expect(listsChanged).toEqual(lists.confirmed);
    for (const n of listsChanged) expect(listsAfter[n - 1]).toMatch(/,ja$/);
    expect(listsAfter.find((l) => l.startsWith('k1-vinnova.csv,'))).toMatch(/,ja$/);
    writeFileSync(manifest, listsBefore);
    // Saved from Excel (CRLF) with a quoted line break: --rows takes the line status prints (readCsv's), not the
    // physical one; a file in another encoding is refused and left byte for byte (both found in review).
    const crlf = join(root, 'crlf.csv');
    writeFileSync(
      crlf,
      '\uFEFFid,rubrik,status\r\nA,"två\r\nrader",överförd\r\nB,b,överförd\r\nC,c,överförd\r\n',
    );
    const lineOfB = readCsv(crlf, { encoding: 'utf-8' }).rows.find((x) => x.record.id === 'B')?.line;
    expect(confirmFile(crlf, String(lineOfB), '2026-12-07').confirmed).toEqual([lineOfB]);
    expect(readCsv(crlf, { encoding: 'utf-8' }).rows.map((x) => x.record.status)).toEqual([
      'överförd',
      'bekräftad 2026-12-07',
      'överförd',
    ]);
    // Excel's byte-order mark stays: only the status cell changes.
    expect(readFileSync(crlf).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const latin = join(root, 'latin.csv');
    const latinBytes = Buffer.from('id,rubrik,status\nA,V\xe4stra,\xf6verf\xf6rd\n', 'latin1');
    writeFileSync(latin, latinBytes);
    expect(() => confirmFile(latin, undefined, '2026-12-07')).toThrow(
      /latin\.csv: expected a UTF-8 text file .*found bytes that are not UTF-8/,
    );
    expect(readFileSync(latin).equals(latinBytes)).toBe(true);
    // A file with neither column is refused at its header.
    expect(() => confirmFile(file('sources/kolumner.csv'), undefined, '2026-12-07')).toThrow(
      /sources\/kolumner\.csv:1: expected a column status .* or levererad .*found the columns "fil,/,
    );
    expect(() => confirmFile(file(rel), '99999', '2026-12-07')).toThrow(
      /bedomningar\.csv:99999: expected a row/,
    );
  });
});
