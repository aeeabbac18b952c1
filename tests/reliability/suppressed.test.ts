// Never a wrong figure: a statistics file with one suppressed value (SCB's "..") builds; the initiatives whose
// location quotient depends on it show none and say why; every other LQ and every figure of section 4.1 is
// as with the complete file, and the sentence that counts LQs says it is incomplete. And a residence-based
// file (AM0207I5, nattbefolkning) is named as such wherever the report names the measure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFromRepositoryBuild, type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

const STATS = 'employment/scb-am0207k-2008.csv';
const VARMLAND_BC = '"17 Värmlands län","B+C tillverkning och utvinning",22214';

/** Edits the Windows-1252 statistics file as text (read as Latin-1: å, ä, ö are the same bytes). */
function editStats(t: TempEdition, edit: (text: string) => string): void {
  const text = readFileSync(t.path(STATS)).toString('latin1');
  t.write(STATS, Buffer.from(edit(text), 'latin1'));
}

const csvRows = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

const pdfText = (t: TempEdition) =>
  execFileSync('pdftotext', ['-layout', join(t.edition.buildDir, 'kartlaggning-2009.pdf'), '-'], {
    encoding: 'utf8',
  });

describe('one suppressed value (Värmland, B+C) in the 2009 statistics', () => {
  let t: TempEdition;
  let warnings: string[];
  beforeAll(async () => {
    t = startFromRepositoryBuild(tempEdition(2009));
    editStats(t, (s) => s.replace(VARMLAND_BC, VARMLAND_BC.replace('22214', '..')));
    const m = await buildEdition(t.edition);
    warnings = m.employment.warnings.map((w) => `${w.location}: ${w.message}`);
  }, 300_000);
  afterAll(() => t.cleanup());

  it('builds, saying which value is missing and where', () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /statistik\.csv: national total 2008: the file's sum is unknown \(1 suppressed value\(s\): "\.\." at .*scb-am0207k-2008\.csv:197:53\); using kontroll_riket 4 406 789 for the country/,
    );
  });

  it('an LQ that depends on the value is missing with its reason; every other LQ is the complete file’s', () => {
    const complete = csvRows(join(REPO_ROOT, 'build/2009/employment/entity_employment.csv'));
    const gapped = csvRows(join(t.edition.buildDir, 'employment/entity_employment.csv'));
    const key = (r: Record<string, string>) => `${r.factsheet_id} ${r.rad} ${r.lan_kod}`;
    const lq = new Map(complete.map((r) => [key(r), r.lq]));
    expect(gapped.length).toBe(complete.length);
    let missing = 0;
    for (const r of gapped) {
      if (r.lq === '') {
        missing++;
        expect(r.lq_saknas, key(r)).toBe('undertryckt');
        expect(r.lq_saknas_celler, key(r)).toMatch(/scb-am0207k-2008\.csv:197:53$/);
        // Only initiatives in B+C (the country's B+C is unknown) or in Värmland (its total is unknown).
        expect(r.rams_grupp === 'B+C' || r.lan_koder.includes('17'), key(r)).toBe(true);
      } else {
        expect(r.lq, key(r)).toBe(lq.get(key(r)));
        expect(r.lq_saknas).toBe('');
      }
    }
    expect(missing).toBeGreaterThan(0);
  });

  it('the figures of 4.1 are the complete file’s, and the LQ sentence says it is incomplete', () => {
    const figures = (dir: string) => JSON.parse(readFileSync(join(dir, 'report/figures.json'), 'utf8'));
    expect(figures(t.edition.buildDir)).toEqual(figures(join(REPO_ROOT, 'build/2009')));
    const text = pdfText(t).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/\b0 av de 39 klusterinitiativen verkar/);
    expect(text).toMatch(
      /Kvoten kan bara beräknas för 13 av de 39 klusterinitiativen: för 26 saknas uppgifter som kvoten bygger på \(SCB redovisar inte B\+C i Värmlands län 2008 \(”\.\.”\)\)\. Av de 13 verkar 5 i en sektor med en lokaliseringskvot över 1/,
    );
    // The initiative pages say why, in the PDF and in the HTML alike.
    const html = readFileSync(join(t.edition.buildDir, 'kartlaggning-2009.html'), 'utf8');
    const why = 'uppgift saknas: SCB redovisar inte B+C i Värmlands län 2008 (”..”)';
    const inPdf = text.split(why).length - 1;
    expect(inPdf).toBeGreaterThan(0);
    expect(html.split(why).length - 1).toBeGreaterThanOrEqual(inPdf);
  });
});

describe('a county missing from the statistics, with a declared national total', () => {
  it('stops naming the county and the size of the gap', async () => {
    const t = startFromRepositoryBuild(tempEdition(2009));
    try {
      editStats(t, (s) =>
        s
          .split('\n')
          .filter((l) => !l.startsWith('"17 V'))
          .join('\n'),
      );
      await expect(buildEdition(t.edition, 'employment')).rejects.toThrow(
        /^national total 2008: unknown \(4 286 887 present\) ≠ 4 406 789 \(scb-am0207k-2008\.csv\); Värmlands län \(17\) saknas i filen: 4 406 789 − 4 286 887 = 119 902$/,
      );
    } finally {
      t.cleanup();
    }
  }, 300_000);
});

describe('a residence-based statistics file (AM0207I5, nattbefolkning)', () => {
  let t: TempEdition;
  beforeAll(async () => {
    t = startFromRepositoryBuild(tempEdition(2009));
    const day = 'med arbetsplats i regionen (dagbefolkning)';
    const night = 'boende i regionen (nattbefolkning)';
    editStats(t, (s) => s.replace(day, night));
    t.write(
      'employment/statistik.csv',
      t
        .read('employment/statistik.csv')
        .replaceAll('AM0207K', 'AM0207I5')
        .replace('forvarvsarbetande_dagbefolkning', 'forvarvsarbetande_nattbefolkning')
        .replace(day, night),
    );
    await buildEdition(t.edition);
  }, 300_000);
  afterAll(() => t.cleanup());

  it('every mention of the measure in the PDF and the HTML says nattbefolkning', () => {
    const text = pdfText(t).replace(/\s+/g, ' ');
    const html = readFileSync(join(t.edition.buildDir, 'kartlaggning-2009.html'), 'utf8');
    for (const doc of [text, html]) {
      expect(doc).not.toMatch(/dagbefolkning|arbetsplats i (länet|regionen)|AM0207K/);
      expect(doc).toMatch(/som bor i länet \(nattbefolkning\) år 2008/);
      expect(doc).toMatch(/AM0207I5/);
    }
  });
});

describe('a statistics file whose title names the other measure', () => {
  it('stops at the title line', async () => {
    const t = startFromRepositoryBuild(tempEdition(2009));
    try {
      editStats(t, (s) =>
        s.replace('med arbetsplats i regionen (dagbefolkning)', 'boende i regionen (nattbefolkning)'),
      );
      await expect(buildEdition(t.edition, 'employment')).rejects.toThrow(
        /scb-am0207k-2008\.csv:1:1: expected a title of the measure statistik\.csv declares \(matt forvarvsarbetande_dagbefolkning\), found "boende i regionen", which is forvarvsarbetande_nattbefolkning/,
      );
    } finally {
      t.cleanup();
    }
  }, 300_000);
});
