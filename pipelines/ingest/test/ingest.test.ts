import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Manifest, runStage } from '@kk/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type TempEdition, tempEdition } from '../../../tests/support/edition.ts';
import ingest from '../src/stage.ts';

let temp: TempEdition | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

function fresh(): TempEdition {
  temp = tempEdition(2009);
  return temp;
}

function manifestOf(t: TempEdition): Manifest {
  return JSON.parse(readFileSync(join(t.edition.buildDir, 'ingest', 'manifest.json'), 'utf8'));
}

async function csvRows(t: TempEdition, table: string): Promise<Record<string, string>[]> {
  const { parse } = await import('csv-parse/sync');
  return parse(readFileSync(join(t.edition.buildDir, 'ingest', `${table}.csv`), 'utf8'), { columns: true });
}

describe('ingest on the 2009 edition', () => {
  it('reads every list, fact sheet and reference table without warnings', async () => {
    const t = fresh();
    const m = await runStage(ingest, t.edition);
    expect(m.rows.candidates).toBe(201);
    expect(m.rows.source_lists).toBe(20);
    expect(m.rows.factsheets).toBe(68);
    expect(m.rows.ref_lan).toBe(21);
    expect(m.rows.ref_kommuner).toBe(290);
    expect(m.warnings).toEqual([]);
    for (const f of ['candidates.parquet', 'candidates.csv', 'factsheets.parquet', 'manifest.json']) {
      expect(existsSync(join(t.edition.buildDir, 'ingest', f))).toBe(true);
    }
    expect(Object.keys(m.inputs)).toContain('factsheets/factsheets.csv');
  });

  it('normalises without losing the original', async () => {
    const t = fresh();
    await runStage(ingest, t.edition);
    const facts = await csvRows(t, 'factsheets');
    const medicon = facts.find((f) => f.id === 'medicon-valley');
    expect(medicon?.antal_medlemsforetag).toBe('Ca 255 (Sverige, Danmark)');
    expect(medicon?.medlemmar_ca).toBe('true');
    expect(medicon?.medlemmar_min).toBe('255');
    const arena = facts.find((f) => f.id === 'the-packaging-arena');
    expect(arena?.startar).toBe('Från 2004');
    expect(arena?.startar_ar).toBe('2004');
    const srr = facts.find((f) => f.id === 'safety-and-rescue-region');
    expect([srr?.medlemmar_min, srr?.medlemmar_max]).toEqual(['10', '']);
    const bio = facts.find((f) => f.id === 'framtidens-bioraffinaderi');
    expect([bio?.medlemmar_min, bio?.medlemmar_max]).toEqual(['10', '15']);
    const spaceport = facts.find((f) => f.id === 'spaceport-sweden');
    expect(spaceport?.webb_canonical).toBe('ssc.se/?id=9500');
    const candidates = await csvRows(t, 'candidates');
    const vinnova = candidates.filter((c) => c.source_file === 'sources/k1-tillvaxtverket.csv');
    expect(vinnova.length).toBeGreaterThan(0);
    expect(new Set(candidates.map((c) => c.proveniens))).toEqual(new Set(['reconstructed']));
  });
});

describe('bad input stops the stage with file:line:column', () => {
  it('an unbalanced quote', async () => {
    const t = fresh();
    t.replace('factsheets/factsheets.csv', 'www.processitinnovations.se', '"www.processitinnovations.se');
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /raw\/2009\/factsheets\/factsheets\.csv:\d+:\d+: expected .*(quote|fields)/,
    );
  });

  it('a missing required column', async () => {
    const t = fresh();
    t.replace('factsheets/factsheets.csv', ',rubrik,', ',titel,');
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /factsheets\.csv:1:1: expected a column named "rubrik"/,
    );
  });

  it('undecodable bytes in a file declared UTF-8', async () => {
    const t = fresh();
    const bytes = readFileSync(t.path('reference/lan.csv'));
    const at = bytes.indexOf(Buffer.from('Södermanland', 'utf8'));
    const broken = Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xf6]), bytes.subarray(at + 3)]);
    t.write('reference/lan.csv', broken);
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /lan\.csv:4:\d+: expected UTF-8 text, found byte 0xF6/,
    );
  });

  it('a duplicate id', async () => {
    const t = fresh();
    t.replace('factsheets/factsheets.csv', '\ninternet-bay,1,', '\nprocessit-innovations,1,');
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /factsheets\.csv:\d+:1: expected a unique id, found "processit-innovations", already on line 2/,
    );
  });

  it('a value outside its allowed set', async () => {
    const t = fresh();
    t.replace('sources/manifest.csv', 'k1-vinnova.csv,1,', 'k1-vinnova.csv,3,');
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /manifest\.csv:\d+:\d+: expected kalla: källa 1 or 2, found "3"/,
    );
  });

  it('a manifest naming a file that is not there', async () => {
    const t = fresh();
    t.replace('sources/manifest.csv', 'k1-vinnova.csv,', 'k1-vinova.csv,');
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /manifest\.csv:\d+:1: expected the file sources\/k1-vinova\.csv/,
    );
  });

  it('a wrong delimiter declared', async () => {
    const t = fresh();
    t.replace(
      'sources/manifest.csv',
      'k1-vinnova.csv,1,nationell,VINNOVA,utf-8,","',
      'k1-vinnova.csv,1,nationell,VINNOVA,utf-8,;',
    );
    await expect(runStage(ingest, t.edition)).rejects.toThrow(
      /k1-vinnova\.csv:1:\d+: expected a header separated by ';'/,
    );
  });

  it('leaves the previous output intact when it fails', async () => {
    const t = fresh();
    const before = await runStage(ingest, t.edition);
    t.replace('factsheets/factsheets.csv', ',rubrik,', ',titel,');
    await expect(runStage(ingest, t.edition)).rejects.toThrow();
    expect(manifestOf(t).outputs).toEqual(before.outputs);
  });
});

describe('soft problems are warnings and the value is kept raw', () => {
  it('an unparseable member count and an impossible start year', async () => {
    const t = fresh();
    t.replace('factsheets/factsheets.csv', ',Ca 30,1999,', ',många,3009,');
    const m = await runStage(ingest, t.edition);
    const messages = m.warnings.map((w) => `${w.location}: ${w.message}`);
    expect(messages.some((w) => /factsheets\.csv:\d+:\d+: not a count: "många" \(kept raw\)/.test(w))).toBe(
      true,
    );
    expect(messages.some((w) => /year 3009 is outside 1800–2009 \(kept raw\)/.test(w))).toBe(true);
    const facts = await csvRows(t, 'factsheets');
    const bay = facts.find((f) => f.id === 'internet-bay');
    expect(bay?.antal_medlemsforetag).toBe('många');
    expect(bay?.medlemmar_min).toBe('');
  });

  it('an unknown extra column', async () => {
    const t = fresh();
    const lan = t.read('reference/lan.csv').split('\n');
    t.write(
      'reference/lan.csv',
      lan.map((l, i) => (l === '' ? l : `${l},${i === 0 ? 'befolkning' : '1'}`)).join('\n'),
    );
    const m = await runStage(ingest, t.edition);
    expect(m.warnings.map((w) => w.message)).toContain('unknown extra column "befolkning" (kept, not used)');
  });
});
