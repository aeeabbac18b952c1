// Stable under additions: a correct new row (a variant of an initiative, written the way a new list would write
// it) joins its initiative and moves no existing record to another entity. The matching runs in-process on the
// 2009 tables, once per added row, rather than the whole stage 68 times; the rows are shared between two DuckDB
// instances of one thread each that run side by side (the machine has two cores, and a run on 270 records is
// mostly small statements that one thread does as fast as two).
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duck, lit, runStage } from '@kk/core';
import { loadModel, resolveEntities } from '@kk/matching';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempEdition } from '../../../tests/support/edition.ts';
import type { MatchRecord } from '../../../tests/synthetic/messy-lists.ts';
import { FACTSHEET_FILE } from '../src/decisions.ts';
import dedupe from '../src/stage.ts';
import { built, ingested } from './support.ts';

/** The dedupe stage's own SQL (its input shape). */
const DEDUPE_SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

/** A fact sheet as the matching reads it, keyed by its id. */
type Sheet = Omit<MatchRecord, 'record_id' | 'faktablad'> & { id: string };
/** A list row added to the lists. */
type NewRow = Omit<MatchRecord, 'faktablad'>;

let t: TempEdition;
let duck: Duck;
/** DuckDB instances holding dd_match_input, each adding its share of the variant rows. */
let workers: Duck[] = [];
let sheets: Sheet[];
/** record_id → the smallest record_id of its entity, before any row is added. */
let before: Map<string, string>;
const model = loadModel();

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O');
/** One transposition inside the longest word (two letters swapped after the first two), a typical typo. */
const typo = (s: string) => {
  const words = s.split(' ');
  const i = words.reduce((best, w, k) => (w.length > words[best].length ? k : best), 0);
  const w = words[i];
  if (w.length < 6) return s;
  words[i] = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
  return words.join(' ');
};
const isUmbrella = (webb: string) => webb.includes('/');

/** A variant row of a fact sheet's initiative, of one of five kinds, as a new list might give it. */
function variant(f: Sheet, k: number): NewRow {
  const base = { record_id: `ny:${f.id}`, adress: f.adress, postnummer: f.postnummer };
  const none = { kontakt: null, telefon: [], epost: [] };
  const page = (path: string) => (f.webb ? (isUmbrella(f.webb) ? f.webb : `${f.webb}/${path}`) : null);
  switch (k % 5) {
    case 0: // no diacritics, a sub-page of the site
      return { ...base, ...none, namn: fold(f.namn), webb: page('om-oss') };
    case 1: // a legal form, no web address, the phone and contact
      return { ...base, ...none, namn: `${f.namn} AB`, webb: null, telefon: f.telefon, kontakt: f.kontakt };
    case 2: // capitals, another sub-page, the e-mail
      return { ...base, ...none, namn: f.namn.toUpperCase(), webb: page('kontakt'), epost: f.epost };
    case 3: // a typo, the site, the contact
      return { ...base, ...none, namn: typo(f.namn), webb: f.webb, kontakt: f.kontakt };
    default: // another legal form, the site's start page and the phone
      return { ...base, ...none, namn: `${f.namn} ek. för.`, webb: page('index.html'), telefon: f.telefon };
  }
}

async function labels(db = duck): Promise<Map<string, string>> {
  const rows = await db.rows<{ record_id: string; label: string }>(`
    SELECT record_id, min(record_id) FILTER (WHERE NOT starts_with(record_id, 'ny:')) OVER (PARTITION BY cluster) AS label
    FROM dd_cluster`);
  return new Map(rows.map((r) => [r.record_id, r.label]));
}

/** A DuckDB with the 2009 matching input (dd_input, dd_match_input). */
async function withInput(options?: Record<string, string>): Promise<Duck> {
  const db = await Duck.open(options);
  const ingest = join(t.edition.buildDir, 'ingest');
  await db.runFile(join(DEDUPE_SQL, 'input.sql'), {
    candidates: lit(join(ingest, 'candidates.parquet')),
    factsheets: lit(join(ingest, 'factsheets.parquet')),
    factsheets_file: lit(FACTSHEET_FILE),
  });
  return db;
}

beforeAll(async () => {
  t = await ingested(2009);
  duck = await withInput();
  workers = await Promise.all([0, 1].map(() => withInput({ threads: '1' })));
  sheets = await duck.rows<Sheet>(`
    SELECT i.faktablad_id AS id, trim(m.namn) AS namn, m.webb, m.adress, m.postnummer, m.kontakt, m.telefon, m.epost
    FROM dd_match_input m JOIN dd_input i USING (record_id) WHERE i.faktablad ORDER BY i.faktablad_id`);
  await resolveEntities(duck, 'dd_match_input', { model });
  before = await labels();
}, 60_000);

afterAll(() => {
  duck?.close();
  for (const w of workers) w.close();
  t?.cleanup();
});

describe('stable under additions', () => {
  it('has the 68 initiatives to vary', () => expect(sheets).toHaveLength(68));

  it('a variant row of each of the 68 initiatives, added alone, joins it and moves no existing record', async () => {
    // Each row's failures at its place, so the message is the same whichever worker finishes first.
    const failures: string[][] = sheets.map(() => []);
    const addAlone = async (db: Duck, k: number) => {
      const f = sheets[k];
      const row = variant(f, k);
      await db.run(`
        CREATE OR REPLACE TABLE dd_stability_input AS
        SELECT * FROM dd_match_input
        UNION ALL
        SELECT ${lit(row.record_id)}, ${lit(row.namn)}, ${row.webb === null ? 'NULL' : lit(row.webb)},
          ${lit(row.adress ?? '')}, ${lit(row.postnummer ?? '')}, ${row.kontakt === null ? 'NULL' : lit(row.kontakt)},
          ${list(row.telefon)}, ${list(row.epost)}, false`);
      await resolveEntities(db, 'dd_stability_input', { model });
      const after = await labels(db);
      const moved = [...before].filter(([id, label]) => after.get(id) !== label).map(([id]) => id);
      if (moved.length) failures[k].push(`${row.namn}: moved ${moved.join(', ')}`);
      if (after.get(row.record_id) !== before.get(`faktablad:${f.id}`))
        failures[k].push(`${row.namn} (${row.webb}) did not join ${f.id}`);
    };
    await Promise.all(
      workers.map(async (db, w) => {
        for (let k = w; k < sheets.length; k += workers.length) await addAlone(db, k);
      }),
    );
    expect(failures.flat()).toEqual([]);
  }, 120_000);

  it('a sub-page of a site does not take the site from another row (MMSS on www.movingmediasouth.se)', async () => {
    await duck.run(`
      CREATE OR REPLACE TABLE dd_stability_input AS
      SELECT * FROM dd_match_input
      UNION ALL
      SELECT 'ny:mmss-om', 'Moving Media Southern Sweden', 'movingmediasouth.se/om', '', '', NULL, [], [], false`);
    await resolveEntities(duck, 'dd_stability_input', { model });
    const after = await labels();
    const mmss = [...before].filter(([, l]) => l === before.get('faktablad:moving-media-southern-sweden'));
    expect(mmss.length).toBeGreaterThan(3);
    for (const [id, label] of mmss) expect(after.get(id), id).toBe(label);
    expect(after.get('ny:mmss-om')).toBe(before.get('faktablad:moving-media-southern-sweden'));
  });
});

function list(values: string[]): string {
  return `[${values.map(lit).join(', ')}]::VARCHAR[]`;
}

describe('a change of existing entities is reported', () => {
  it('warns in the manifest and puts the pair in review.csv when a run splits a previous entity', async () => {
    const b = await built(2009);
    try {
      // As if the previous run had counted Uppsala BIO-X with Uppsala Bio: this run splits that entity.
      const prev = b.out('membership.parquet');
      const edit = await Duck.open();
      try {
        await edit.run(`
          COPY (SELECT * REPLACE (CASE WHEN namn = 'Uppsala BIO-X' THEN 'uppsala-bio' ELSE entity_id END AS entity_id)
            FROM read_parquet(${lit(prev)})) TO ${lit(`${prev}.new`)} (FORMAT parquet)`);
      } finally {
        edit.close();
      }
      renameSync(`${prev}.new`, prev);
      const manifest = await runStage(dedupe, b.t.edition);
      const warnings = manifest.warnings.filter((w) => w.message.includes('is split by this run'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0].message).toContain('uppsala-bio');
      expect(warnings[0].message).toContain('Uppsala BIO-X');
      const review = b.csv('review.csv').filter((r) => r.skal.startsWith('ändrat sedan förra körningen'));
      expect(review).toHaveLength(1);
      expect([review[0].titel_a, review[0].titel_b].sort()).toEqual(['Uppsala BIO-X', 'Uppsala Bio']);
      // The same inputs again: nothing changed since this run, nothing reported.
      const again = await runStage(dedupe, b.t.edition);
      expect(again.warnings.filter((w) => w.message.includes('by this run'))).toEqual([]);
    } finally {
      b.t.cleanup();
    }
  }, 60_000);
});
