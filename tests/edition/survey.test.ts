// The survey (enkät) on a synthetic next edition, as issue 24's "Done when" walks it for the questionnaires:
// npm run edition -- new 2010, npm run survey -- out, four synthetic answers put in enkat/svar/ (one unchanged
// and answered twice, one with a new phone, one renamed, one with its self-assessment and markup in a free-text
// cell), the edition built once in process (every stage, the report and the web edition), then the analyst's
// overruling decision and a bad workbook on the ingest stage alone. Never the repository's raw/.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Edition,
  type Manifest,
  openItems,
  REPO_ROOT,
  readCsv,
  resolveEdition,
  runStage,
} from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEdition } from '../../packages/cli/src/edition.ts';
import { fill } from '../../packages/survey/test/fill.ts';
import ingest from '../../pipelines/ingest/src/stage.ts';
import web from '../../pipelines/web/src/stage.ts';
import { buildEdition } from '../support/pipeline.ts';

let base: string;
let raw: string;
let build: string;
let edition: Edition;
let manifests: Record<string, Manifest>;
let pdf: string;
let html: string;
const out = (rel: string) => join(build, '2010', rel);
const rows = (path: string) => readCsv(path, { encoding: 'utf-8' }).rows.map((r) => r.record);
const svar = (name: string) => join(raw, '2010', 'enkat', 'svar', name);
const blank = (id: string) => readFileSync(out(`enkat/${id}.xlsx`));

// Georange's self-assessment: the 24 sub-indicators in the questionnaire's order, synthetic.
const GEORANGE = 'ja,ja,ja,ja,ja,ja,ja,ja,ja,nej,vet ej,ja,ja,ja,ja,ja,ja,ja,nej,ja,ja,ja,ja,ja'.split(',');
const MARKUP_FACT = '<i>Robotdalen</i> **och** Triple Steelix';
const MARKUP = '<script>alert(1)</script> **x** [länk](http://example.com)';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'kk-survey-'));
  raw = join(base, 'raw');
  build = join(base, 'build');
  newEdition('2010', { raw });
  // The command as the README writes it (the CLI is the subject here).
  const r = spawnSync(
    process.execPath,
    ['packages/cli/bin/kk.js', 'survey', 'out', '--year', '2010', '--raw', raw, '--build', build],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`survey out failed: ${r.stdout}\n${r.stderr}`);
  mkdirSync(join(raw, '2010', 'enkat', 'svar'), { recursive: true });
  // Synthetic answers, as returned by four initiatives.
  writeFileSync(
    svar('a-processit.xlsx'),
    await fill(blank('processit-innovations'), { datum: '2010-03-02' }),
  );
  writeFileSync(
    svar('b-processit-igen.xlsx'),
    await fill(blank('processit-innovations'), {
      datum: '2010-03-01',
      facts: { adress: { nej: 'fel, äldre svar' } },
    }),
  );
  writeFileSync(
    svar('fov.xlsx'),
    await fill(blank('fiber-optic-valley'), {
      datum: '2010-03-03',
      facts: { telefonnummer: { nej: '0650-55 66 00' }, koppling: { nej: MARKUP_FACT } },
    }),
  );
  writeFileSync(
    svar('peak.xlsx'),
    await fill(blank('peak-innovation'), { facts: { rubrik: { nej: 'Peak Region Innovation' } } }),
  );
  // Last year's address written decomposed (NFD, as a Mac may save it), retyped by Georange as it reads: the
  // same text, a confirmation, not a change (found in review).
  const sheets = join(raw, '2010', 'factsheets', 'factsheets.csv');
  writeFileSync(
    sheets,
    readFileSync(sheets, 'utf8').replace(
      'Box 43 930 70 Malå Besök',
      'Box 43 930 70 Malå Besök'.normalize('NFD'),
    ),
  );
  writeFileSync(
    svar('georange.xlsx'),
    await fill(blank('georange'), {
      facts: { adress: { nej: 'Box 43 930 70 Malå Besök: Skolgatan 4' } },
      indicators: GEORANGE,
      hur: { 1: MARKUP, 4: 'Gemensamma mässor i Kanada.' },
    }),
  );
  edition = resolveEdition({ year: 2010, raw, build }, {});
  manifests = await buildEdition(edition, 'report');
  manifests.web = await runStage(web, edition);
  pdf = spawnSync('pdftotext', ['-layout', out('kartlaggning-2010.pdf'), '-'], { encoding: 'utf8' }).stdout;
  html = readFileSync(out('kartlaggning-2010.html'), 'utf8');
}, 300_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the survey on a synthetic edition 2010', () => {
  it('survey out: one questionnaire and one letter per carried initiative, and utskick.csv', () => {
    const ids = new Set([
      ...rows(join(raw, '2010/factsheets/factsheets.csv')).map((r) => r.id),
      ...rows(join(raw, '2010/criteria/initiativ.csv')).map((r) => r.entity_id),
    ]);
    const utskick = rows(out('enkat/utskick.csv'));
    expect(new Set(utskick.map((r) => r.entity_id))).toEqual(ids);
    expect(readdirSync(out('enkat')).filter((f) => f.endsWith('.xlsx'))).toHaveLength(ids.size);
    const ib = utskick.find((r) => r.entity_id === 'internet-bay');
    expect(ib).toMatchObject({
      kontakt: 'Johan Hedlin, Managing Director',
      epost: 'firstname.lastname@internetbay.com',
      fil: 'internet-bay.xlsx',
    });
    expect(readFileSync(out(`enkat/${ib?.brev}`), 'utf8')).toMatch(
      /^Ämne: .*Internet Bay\?\n\nHej Johan Hedlin, Managing Director,/,
    );
    // The letter is carried by npm run edition -- new; last year's answers are not.
    expect(existsSync(join(raw, '2010/enkat/brev.mustache'))).toBe(true);
  });

  it('answers in: confirmed facts with their cell, the changed phone and name in review, the later of two answers', () => {
    const svarRows = rows(out('ingest/enkat_svar.csv'));
    const processit = svarRows.filter((r) => r.entity_id === 'processit-innovations');
    expect(processit).toHaveLength(12);
    expect(
      processit.every((r) => r.status === 'bekräftad' && /a-processit\.xlsx!Uppgifter!C\d+$/.test(r.kalla)),
    ).toBe(true);
    expect(manifests.ingest.warnings.map((w) => `${w.location}: ${w.message}`).join('\n')).toMatch(
      /a-processit\.xlsx: a second answer for processit-innovations \(also .*b-processit-igen\.xlsx\): the later is used/,
    );
    const review = rows(out('ingest/enkat_granskning.csv'));
    expect(review.map((r) => [r.entity_id, r.falt, r.forra, r.svar, r.beslut])).toEqual([
      ['fiber-optic-valley', 'koppling', 'Future Position X', MARKUP_FACT, 'svar'],
      ['fiber-optic-valley', 'telefonnummer', '+46 (0)650 55 66 18', '0650-55 66 00', 'svar'],
      ['peak-innovation', 'rubrik', 'Peak Innovation', 'Peak Region Innovation', 'svar'],
    ]);
    expect(svarRows.find((r) => r.entity_id === 'georange' && r.falt === 'adress')?.status).toBe('bekräftad');
    const fs = rows(out('ingest/factsheets.csv'));
    expect(fs.find((r) => r.id === 'fiber-optic-valley')?.telefonnummer).toBe('0650-55 66 00');
  });

  it('the report: the new phone and name, both profiles on the self-assessed page, chapter 6 measured', () => {
    expect(pdf).toContain('0650-55 66 00');
    expect(pdf).not.toContain('+46 (0)650 55 66 18');
    // An answer with markup is printed as written, in the PDF and (escaped) in the HTML.
    expect(pdf).toContain(MARKUP_FACT);
    expect(html).toContain('&lt;i&gt;Robotdalen&lt;/i&gt; **och** Triple Steelix');
    expect(pdf).toContain('Peak Region Innovation');
    const page = (id: string) =>
      html.slice(html.indexOf(`id="i-${id}"`), html.indexOf('</section>', html.indexOf(`id="i-${id}"`)));
    expect(page('georange')).toContain('class="self"');
    expect(page('georange')).toContain('Initiativets egen bedömning');
    expect(page('georange')).toContain('Analytikerns bedömning');
    expect(page('internet-bay')).not.toContain('class="self"');
    // The agreement, counted here from the analyst's judgments in bedomningar.csv and the answers above.
    const judged = rows(join(raw, '2010/criteria/bedomningar.csv')).filter((r) => r.entity_id === 'georange');
    const ind = rows(join(raw, '2010/criteria/indikatorer.csv'));
    const counts = [1, 2, 3, 4, 5, 6].map((k) => ind.filter((r) => Number(r.kriterium) === k).length);
    let i = 0;
    let jamforda = 0;
    let lika = 0;
    let generosare = 0;
    for (const [k, n] of counts.entries()) {
      const j = judged.find((r) => Number(r.kriterium) === k + 1);
      const met = (j?.indikatorer_uppfyllda ?? '').split(';').map(Number);
      const assessed = (j?.indikatorer_bedomda ?? '').split(';').map(Number);
      for (let nr = 1; nr <= n; nr++, i++) {
        if (GEORANGE[i] === 'vet ej' || !assessed.includes(nr)) continue;
        jamforda++;
        if ((GEORANGE[i] === 'ja') === met.includes(nr)) lika++;
        else if (GEORANGE[i] === 'ja') generosare++;
      }
    }
    expect(jamforda).toBeGreaterThan(10);
    const asked = rows(out('enkat/utskick.csv')).length;
    const all = pdf.replace(/\s+/g, ' ');
    const text = all.slice(
      all.indexOf('En självbedömning kan dock'),
      all.indexOf('En självbedömning kan dock') + 700,
    );
    expect(text).toContain(
      `och 4 av ${asked} besvarade den (1 av dem även underkategorierna). På ${lika} av de ${jamforda} underkategorier`,
    );
    expect(text).toContain(
      `självbedömningen den generösare i ${generosare} fall och den strängare i ${jamforda - lika - generosare}; 1 svar var ”vet ej”.`,
    );
  });

  it('open items: the unanswered with their contact; a fully answered fact sheet no longer awaits confirmation', () => {
    const items = openItems(edition);
    const enkat = items.filter((x) => x.kind === 'enkat');
    expect(enkat.length).toBe(rows(out('enkat/utskick.csv')).length - 4);
    // The draft's appendix lists the same (one module computes both).
    expect(pdf).toContain('enkät ej besvarad: Internet Bay');
    expect(pdf).toContain('firstname.lastname@internetbay.com');
    expect(enkat.find((x) => x.what.includes('(swedish-proving-ground-association)'))?.todo).toContain(
      'pg.sundstrom@arjeplog.com',
    );
    // Places open from where the command ran: the temporary raw root is outside the repository, so its path.
    const sheet = join(raw, '2010/factsheets/factsheets.csv');
    const carried = items.filter((x) => x.kind === 'overford').map((x) => `${x.file}:${x.line ?? ''}`);
    expect(carried.some((f) => f.startsWith(`${sheet}:`))).toBe(true);
    const lineOf = (id: string) =>
      readCsv(sheet, { encoding: 'utf-8' }).rows.find((r) => r.record.id === id)?.line;
    expect(carried).not.toContain(`${sheet}:${lineOf('processit-innovations')}`);
    expect(carried).toContain(`${sheet}:${lineOf('swedish-proving-ground-association')}`);
  });

  it('the web edition: both profiles and the initiative’s own words, printed literally', () => {
    const page = readFileSync(out('web/initiativ/georange.html'), 'utf8');
    expect(page).toContain('class="self"');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; **x** [länk](http://example.com)');
    expect(page).not.toContain('<script>alert(1)');
    expect(readFileSync(out('web/initiativ/internet-bay.html'), 'utf8')).not.toContain('class="self"');
  });

  it('the analyst overrules in enkat/beslut.csv; a bad workbook stops ingest at its cell and changes nothing', async () => {
    writeFileSync(
      join(raw, '2010/enkat/beslut.csv'),
      'entity_id,falt,beslut,motivering\nfiber-optic-valley,telefonnummer,förra,växeln enligt webbplatsen\n',
    );
    await runStage(ingest, edition);
    expect(rows(out('ingest/factsheets.csv')).find((r) => r.id === 'fiber-optic-valley')?.telefonnummer).toBe(
      '+46 (0)650 55 66 18',
    );
    expect(rows(out('ingest/enkat_granskning.csv')).find((r) => r.falt === 'telefonnummer')).toMatchObject({
      beslut: 'förra',
      galler: '+46 (0)650 55 66 18',
    });
    const before = readFileSync(out('ingest/factsheets.csv'));
    writeFileSync(svar('z-fel.xlsx'), await fill(blank('georange'), { cells: [['Uppgifter', 'B3', 2011]] }));
    await expect(runStage(ingest, edition)).rejects.toThrow(
      /enkat\/svar\/z-fel\.xlsx!Uppgifter!B3: expected the year 2010, found "2011"/,
    );
    rmSync(svar('z-fel.xlsx'));
    writeFileSync(svar('m.xlsm'), blank('georange'));
    await expect(runStage(ingest, edition)).rejects.toThrow(
      /enkat\/svar\/m\.xlsm: expected a returned questionnaire \(\.xlsx\), found a macro-enabled workbook/,
    );
    rmSync(svar('m.xlsm'));
    writeFileSync(
      join(raw, '2010/enkat/beslut.csv'),
      'entity_id,falt,beslut,motivering\ngeorange,adress,förra,\n',
    );
    await expect(runStage(ingest, edition)).rejects.toThrow(
      /enkat\/beslut\.csv:2:\d+: expected a decision on a field a returned questionnaire changed, found "georange adress"/,
    );
    expect(readFileSync(out('ingest/factsheets.csv')).equals(before)).toBe(true);
  });
});
