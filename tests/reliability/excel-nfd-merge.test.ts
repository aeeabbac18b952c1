// Issue 21, done when: a list with phones as Excel numbers and one exported in NFD merge exactly like their
// clean twins. Ingest and dedupe run in process on copies of 2009 in which (a) the lists of the länsstyrelser
// (in a form whose merges rest on the phone) and of Region Värmland are workbooks with their phones and
// postcodes as number cells, and (b) the länsstyrelser's list is a macOS export (UTF-8, NFD, its header "Län"
// decomposed); dedupe's record → entity mapping must be the clean twin's, and ingest's candidates the clean
// ones (the phone as written aside).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '@kk/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLEAN_SHAPE,
  type CleanList,
  cleanList,
  type ListShape,
  writeList,
  writeManifest,
} from '../../pipelines/ingest/test/shapes.ts';
import { type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

type Rows = Record<string, string>[];

const read = (t: TempEdition, stage: string, table: string): Rows =>
  readCsv(join(t.edition.buildDir, stage, `${table}.csv`), { encoding: 'utf-8' }).rows.map((r) => r.record);

/** A list's workbook twin is the same record under another file name. */
const asCsv = (id: string) => id.replace(/\.xlsx:/, '.csv:');

/** record → entity, and each entity's records (the partition), with the workbooks' records named as the CSV's. */
function entities(t: TempEdition): Map<string, string> {
  return new Map(read(t, 'dedupe', 'membership').map((r) => [asCsv(r.record_id), r.entity_id]));
}

/** The candidates without their place in the file; the phone as written only where it was written as text. */
function candidates(t: TempEdition, phoneAsWritten: boolean): Rows {
  return read(t, 'ingest', 'candidates').map(
    ({ record_id, source_file: _f, source_line: _l, telefon, ...rest }) => ({
      record_id: asCsv(record_id),
      ...rest,
      ...(phoneAsWritten ? { telefon } : {}),
    }),
  );
}

/** Replaces lists of the copy by twins written in a shape; the other lists' manifest and mapping rows stay. */
async function replace(
  t: TempEdition,
  twins: Record<string, { list: CleanList; shape: ListShape }>,
): Promise<void> {
  const sources = t.path('sources');
  const all = readCsv(join(sources, 'manifest.csv'), { encoding: 'utf-8' }).rows.map((r) => r.record.fil);
  const lists = [];
  for (const fil of all) {
    const base = fil.replace(/\.csv$/, '');
    const twin = twins[base];
    if (!twin) {
      const c = cleanList(base);
      lists.push({ manifest: c.manifest, columns: c.columns });
      continue;
    }
    rmSync(join(sources, fil));
    lists.push(await writeList(sources, twin.list, twin.shape));
  }
  writeManifest(sources, lists);
}

/**
 * The länsstyrelser's list with the phone as its strongest evidence: no web address, contact or e-mail, and the
 * name with the län after it (a name that only contains the fact sheet's is not enough on its own). On 2009's
 * own lists the names and web addresses carry every merge, so a lost phone changes nothing there; here it
 * loses nine of ten merges (as before the repair).
 */
function phoneCarried(): CleanList {
  const c = cleanList('k1-lansstyrelser');
  const h = c.header;
  const lan = h.indexOf('Län');
  const rows = c.rows.map((r) =>
    r.map((v, i) =>
      ['Webbplats', 'Kontaktperson', 'E-post'].includes(h[i])
        ? ''
        : h[i] === 'Projekt/initiativ'
          ? `${v.replace(/ [–-] .*$/, '')} ${r[lan]}`
          : v,
    ),
  );
  return { ...c, rows };
}

const NUMBERS: ListShape = { ...CLEAN_SHAPE, format: 'xlsx', numbers: 'numbers' };

describe('phones as Excel numbers and a macOS (NFD) export merge exactly like their clean twins', () => {
  const temps: TempEdition[] = [];
  const built = async (twins: Parameters<typeof replace>[1]) => {
    const t = tempEdition(2009);
    temps.push(t);
    await replace(t, twins);
    return { t, m: await buildEdition(t.edition, 'dedupe') };
  };
  afterAll(() => {
    for (const t of temps) t.cleanup();
  });

  it('(a) workbooks with phones and postcodes as number cells, one list leaning on its phones', async () => {
    const carried = phoneCarried();
    const clean = await built({ 'k1-lansstyrelser': { list: carried, shape: CLEAN_SHAPE } });
    const cleanEntities = entities(clean.t);
    expect(cleanEntities.size).toBe(201 + 68);
    // In the clean twin the phone carries these rows into the initiatives' entities (the fact sheets' ids).
    const facts = new Set([...cleanEntities].filter(([r]) => r.startsWith('faktablad:')).map(([, e]) => e));
    const lans = [...cleanEntities].filter(([r]) => r.startsWith('k1-lansstyrelser.csv:'));
    expect(lans.filter(([, e]) => facts.has(e))).toHaveLength(10);

    const twin = await built({
      'k1-lansstyrelser': { list: carried, shape: NUMBERS },
      'k1-region-varmland': { list: cleanList('k1-region-varmland'), shape: NUMBERS },
    });
    // The phones were number cells: 9 of the länsstyrelser's (one is "+46 (0)480 …", text), 3 of Värmland's;
    // Värmland's 5 postcodes too.
    const xlsx = read(twin.t, 'ingest', 'candidates').filter((c) => c.source_file.endsWith('.xlsx'));
    expect(xlsx.filter((c) => /^\d+$/.test(c.telefon))).toHaveLength(9 + 3);
    expect(
      twin.m.ingest.warnings.filter((w) => /phone number\(s\) stored as numbers/.test(w.message)),
    ).toHaveLength(2);
    expect(entities(twin.t)).toEqual(cleanEntities);
    expect(candidates(twin.t, false)).toEqual(candidates(clean.t, false));
  }, 120_000);

  it('(b) a macOS export: UTF-8 in NFD, the header "Län" decomposed', async () => {
    const clean = await built({});
    const twin = await built({
      'k1-lansstyrelser': {
        list: cleanList('k1-lansstyrelser'),
        shape: { ...CLEAN_SHAPE, nfd: true, delimiter: ';' },
      },
    });
    expect(twin.t.read('sources/k1-lansstyrelser.csv')).toContain('La\u0308n;');
    expect(twin.m.ingest.warnings).toEqual([]);
    const rows = read(twin.t, 'ingest', 'candidates').filter(
      (c) => c.source_file === 'sources/k1-lansstyrelser.csv',
    );
    expect(rows.map((c) => c.region)).toContain('Västerbotten');
    expect(candidates(twin.t, true)).toEqual(candidates(clean.t, true));
    expect(entities(twin.t)).toEqual(entities(clean.t));
  }, 120_000);
});
