// The 2009 run against the labelled truth (tests/fixtures/dedupe/truth-2009.csv): every initiative once, no two
// merged, the seed's traps kept apart, and the outputs the next stages read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, lit, runStage } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dedupe from '../src/stage.ts';
import {
  type Built,
  built,
  deriveLabelledPairs,
  PAIRS_2009,
  pairCounts,
  report,
  truth2009,
} from './support.ts';

let b: Built;
/** source "file:line" → entity_id, from the stage's membership. */
let entityOf: Map<string, string>;
let entities: Record<string, string>[];

beforeAll(async () => {
  b = await built(2009);
  entities = b.csv('entities.csv');
  entityOf = new Map(b.csv('membership.csv').map((m) => [`${m.source_file}:${m.source_line}`, m.entity_id]));
});

afterAll(() => b?.t.cleanup());

/** The entity of the source-list rows with this exact name (all of them must agree). */
function entityNamed(name: string): string {
  const rows = b.csv('membership.csv').filter((m) => m.slag === 'källa' && m.namn === name);
  if (rows.length === 0) throw new Error(`no source-list row named ${name}`);
  const ids = new Set(rows.map((r) => r.entity_id));
  expect(ids.size, `rows named ${name} are in one entity`).toBe(1);
  return rows[0].entity_id;
}

describe('2009: every initiative once, no two merged', () => {
  it('matches the truth exactly: 68 fact-sheet entities plus the rejected candidates, no false merge or split', () => {
    const truth = truth2009();
    const counts = pairCounts(entityOf, truth);
    report('2009 source rows against truth-2009.csv', counts);
    const trueEntities = new Set(truth.values());
    const found = new Set([...truth.keys()].map((k) => entityOf.get(k)));
    expect([...entityOf.keys()].filter((k) => k.startsWith('sources/'))).toHaveLength(truth.size);
    expect(found.size).toBe(trueEntities.size);
    expect(counts.precision).toBe(1);
    expect(counts.recall).toBe(1);
    expect(entities.filter((e) => e.factsheet_id !== '')).toHaveLength(68);
    expect(entities).toHaveLength(trueEntities.size);
  });

  it('agrees with every labelled pair of pairs-2009.csv', () => {
    const pairs = parse(readFileSync(PAIRS_2009, 'utf8'), { columns: true }) as Record<string, string>[];
    const wrong = pairs.filter((p) => {
      const same = entityOf.get(`${p.fil_a}:${p.rad_a}`) === entityOf.get(`${p.fil_b}:${p.rad_b}`);
      return same !== (p.facit === 'samma');
    });
    const same = pairs.filter((p) => p.facit === 'samma').length;
    const falseMerges = wrong.filter((p) => p.facit === 'olika').length;
    const falseSplits = wrong.length - falseMerges;
    console.log(
      `pairs-2009.csv: ${pairs.length} labelled pairs (${same} samma), ${falseMerges} false merges, ${falseSplits} false splits`,
    );
    expect(wrong.map((p) => `${p.namn_a} / ${p.namn_b}: ${p.facit}`)).toEqual([]);
  });

  it('the labelled pair set is the one the truth and the current lists give', async () => {
    const derived = await deriveLabelledPairs(join(b.t.edition.buildDir, 'ingest', 'candidates.parquet'));
    // When this fails after a change of the lists or the truth: npx tsx pipelines/dedupe/test/write-pairs-2009.ts
    expect(derived).toBe(readFileSync(PAIRS_2009, 'utf8'));
  });

  it('gives every fact sheet its own entity, with its id and its heading', () => {
    const facts = entities.filter((e) => e.factsheet_id !== '');
    expect(new Set(facts.map((e) => e.factsheet_id)).size).toBe(68);
    for (const e of facts) expect(e.entity_id).toBe(e.factsheet_id);
    const mmss = entities.find((e) => e.entity_id === 'moving-media-southern-sweden');
    expect(mmss?.namn).toBe('MMSS – Moving Media Southern Sweden');
    expect(mmss?.namnvarianter).toContain('MMSS');
  });

  it('names the rejected candidates by their own slug', () => {
    expect(entityNamed('Biofuel Region')).toBe('biofuel-region');
    expect(entityNamed('Invest in Skåne')).toBe('invest-in-skane');
    expect(entityNamed('Invest in Skane')).toBe('invest-in-skane');
    expect(entityNamed('Åkroken Science Park')).toBe('akroken-science-park');
    expect(entityNamed('Norrköping Science Park AB')).toBe('norrkoping-science-park');
  });
});

describe('2009: the seed’s traps stay apart', () => {
  const apart = (...names: string[]) => {
    const ids = names.map(entityNamed);
    expect(new Set(ids).size, `${names.join(' / ')} → ${ids.join(', ')}`).toBe(names.length);
  };
  it('Øresund Food Network (ØFN) and Oresund Food Excellence', () => {
    apart('Øresund Food Network (ØFN)', 'Oresund Food Excellence');
    expect(entityNamed('Oresund Food Network')).toBe(entityNamed('Øresund Food Network (ØFN)'));
  });
  it('the initiatives at Stortorget 9, Malmö: Mobile Heights, MMSS, Medicon Valley, Oresund Food Excellence', () => {
    apart(
      'Mobile Heights',
      'Moving Media Southern Sweden',
      'Medicon Valley',
      'Oresund Food Excellence',
      'Invest in Skåne',
    );
  });
  it('the contact person Ulf Åberg: Medicon Valley and Oresund Food Excellence', () => {
    const ulf = b.csv('membership.csv').filter((m) => m.slag === 'källa' && m.namn.length > 0);
    expect(ulf.length).toBeGreaterThan(0);
    apart('Medicon Valley', 'Oresund Food Excellence');
  });
  it('Packaging Mid Sweden and The Packaging Arena', () =>
    apart('Packaging Mid Sweden', 'The Packaging Arena'));
  it('Stockholm - Uppsala Life Science and Uppsala Bio', () =>
    apart('Stockholm - Uppsala Life Science', 'Uppsala Bio', 'Uppsala BIO-X'));
  it('Telecom City and Telematics Valley', () => apart('Telecom City', 'Telematics Valley'));
  it('PEA and C-Sites at Norrköping Science Park', () =>
    apart('Printed Electronics Arena', 'C-Sites', 'Norrköping Science Park'));
  it('The Paper Province and The Packaging Arena in Karlstad', () =>
    apart('The Paper Province', 'The Packaging Arena'));
  it('Robotdalen and Automation Region at Mälardalens högskola', () =>
    apart('Robotdalen', 'Automation Region'));
  it('Göteborg Bio and MedCoast Scandinavia at Medicinaregatan 8A', () =>
    apart('Göteborg Bio', 'MedCoast Scandinavia'));
  it('Peak Innovation and the company group behind it', () =>
    apart('Peak Innovation', 'Peak Business and Sports AB'));
});

describe('2009: the variants the lists use are one initiative', () => {
  const together = (...names: string[]) =>
    expect(new Set(names.map(entityNamed)).size, names.join(' / ')).toBe(1);
  it('acronyms and their expansions', () => {
    together('MMSS', 'Moving Media Southern Sweden', 'MMSS – Moving Media Southern Sweden');
    together('SRR', 'Safty and Rescue Region', 'Safety and Rescue Region – SRR');
    together('PEA', 'Printed Electronics Arena', 'Printed Electronics Arena (PEA)');
    together('SMTC', 'Stockholm Miljöteknikcenter', 'Stockholm Miljoteknikcenter');
    together('IFOR', 'Intelligenta Fordon Off-Road');
  });
  it('spelling, word order and legal forms', () => {
    together('Bergsslagen Bergskraft', 'Bergskraft Bergslagen');
    together('ProcessIT Innovation', 'Process IT Innovations', 'ProcessIT Innovations');
    together('GEORANGE Ideella Förening', 'Georange');
    together('Stiftelsen Compare Karlstad', 'Compare');
  });
  it('umbrella hosts keep their paths: Spaceport Sweden on ssc.se, Träcentrum Norr on ltu.se', () => {
    together('Space port Sweden', 'Spaceport Sweden');
    together('Träcentrum NORR', 'TräCentrum Norr');
  });
  it('a host organisation as name, with the same site and contact', () =>
    together('Processum Biorefinery Initiative', 'Framtidens Bioraffinaderi'));
});

describe('2009: outputs', () => {
  it('starts the ledger: one row per source-list row, sorted, outcome and reason empty', () => {
    const text = readFileSync(b.out('ledger.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('source_file,source_line,raw_name,entity_id,entity_name,outcome,reason');
    const ledger = b.csv('ledger.csv');
    expect(ledger).toHaveLength(201);
    expect(b.manifest.rows.ledger).toBe(201);
    const keys = ledger.map((r) => [r.source_file, Number(r.source_line)] as const);
    const sorted = [...keys].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    expect(keys).toEqual(sorted);
    expect(ledger.every((r) => r.outcome === '' && r.reason === '' && r.entity_id !== '')).toBe(true);
    const known = new Set(entities.map((e) => e.entity_id));
    expect(ledger.every((r) => known.has(r.entity_id))).toBe(true);
  });

  it('lists each entity with its names, addresses and sources', () => {
    const steelix = entities.find((e) => e.entity_id === 'triple-steelix');
    const rows = [...truth2009().values()].filter((e) => e === 'triple-steelix').length;
    expect(steelix?.antal_rader).toBe(String(rows));
    expect(steelix?.kalla).toBe(steelix?.kallor.includes('/k2-') ? '[1, 2]' : '[1]');
    expect(steelix?.webbadresser).toBe('[triplesteelix.se]');
    expect(steelix?.kallor).toContain('sources/k1-lansstyrelser.csv');
  });

  it('explains each membership by its strongest pair inside the entity', () => {
    const m = b.csv('membership.csv');
    expect(m).toHaveLength(269);
    const spga = m.find((r) => r.namn === 'SPGA');
    expect(spga?.kopplad_via).toBe('poang');
    expect(spga?.namn_niva).toBe('akronym');
    expect(Number(spga?.sannolikhet)).toBeGreaterThanOrEqual(0.95);
    expect(m.find((r) => r.namn === 'Uppsala BIO-X')?.kopplad_via).toBe('ensam');
  });

  it('records the model estimated on 2009 in model.json: every pair of records, EM converged, weights in order', () => {
    const m = JSON.parse(readFileSync(b.out('model.json'), 'utf8'));
    const e = m.estimated;
    // 269 records: 36 046 pairs, few enough to count every one; the 367 candidates are counted in full.
    expect(e.records).toBe(269);
    expect(e.all_pairs).toBe((269 * 268) / 2);
    expect(e.random_pairs + e.candidate_pairs).toBe(e.all_pairs);
    expect(e.em.converged).toBe(true);
    // No decision in beslut.csv and no earlier edition: the only labels are the pairs of two fact sheets.
    expect(e.labelled_pairs.samma).toBe(0);
    expect(e.labelled_pairs.olika).toBeGreaterThan(0);
    // The prior is the matches EM expects over all pairs: about 1 in 100.
    expect(m.prior.match_probability).toBeCloseTo(e.expected_matches / e.all_pairs, 6);
    expect(e.expected_matches).toBeGreaterThan(300);
    expect(e.expected_matches).toBeLessThan(400);
    const w = (f: string, l: string) => Math.log2(m.features[f].levels[l].m / m.features[f].levels[l].u);
    // Agreement is evidence for, disagreement against; a closer name is stronger evidence.
    for (const [f, yes, no] of [
      ['namn', 'exakt', 'olika'],
      ['webb', 'samma', 'olika'],
      ['telefon', 'samma', 'olika'],
      ['postnummer', 'samma', 'olika'],
      ['kontakt', 'epost', 'olika'],
    ]) {
      expect(w(f, yes)).toBeGreaterThan(0);
      expect(w(f, no)).toBeLessThan(0);
    }
    expect(w('namn', 'exakt')).toBeGreaterThan(w('namn', 'nastan'));
    expect(w('namn', 'nastan')).toBeGreaterThan(w('namn', 'likt'));
    // Offices are shared: a common postcode says less than a common e-mail address.
    expect(w('postnummer', 'samma')).toBeLessThan(w('kontakt', 'epost'));
  });

  it('sends the pairs between the thresholds to review.csv, side by side, ready to copy into beslut.csv', () => {
    const text = readFileSync(b.out('review.csv'), 'utf8');
    expect(
      text.split('\n')[0].startsWith('fil_a,namn_a,fil_b,namn_b,beslut,anteckning,sannolikhet,skal'),
    ).toBe(true);
    const review = b.csv('review.csv');
    console.log(`review.csv for 2009: ${review.length} pair(s)`);
    // Medicon Valley / Oresund Food Excellence (the office's phone and Ulf Åberg) and Automotive Sweden / Göteborg
    // Bio (a phone) share details but each has a fact sheet: two initiatives, not asked.
    expect(review.map((r) => [r.titel_a, r.titel_b].sort().join(' / '))).toEqual([
      'Uppsala BIO-X / Uppsala Bio',
    ]);
    expect(review[0].namn_niva).toBe('delmangd');
    expect(review[0].beslut).toBe('');
    expect(Number(review[0].sannolikhet)).toBeLessThan(0.95);
  });

  it('shows in review.csv every pair of entities whose records share an e-mail, a phone, a contact or a site', async () => {
    // Computed from ingest's tables, independently of the matching's own features.
    const duck = await Duck.open();
    try {
      const ingest = join(b.t.edition.buildDir, 'ingest');
      await duck.run(`
        CREATE TABLE r AS
        SELECT source_file || ':' || source_line AS k, telefon_norm AS tel, list_transform(epost, e -> lower(e)) AS ep,
          nullif(lower(kontakt_namn), '') AS kontakt, nullif(webb_host, '') AS host
        FROM read_parquet(${lit(join(ingest, 'candidates.parquet'))})`);
      const shared = await duck.rows<{ a: string; b: string }>(`
        SELECT x.k AS a, y.k AS b FROM r x JOIN r y ON x.k < y.k
        WHERE len(list_intersect(x.tel, y.tel)) > 0 OR len(list_intersect(x.ep, y.ep)) > 0
          OR x.kontakt = y.kontakt OR (x.host = y.host AND x.host NOT SIMILAR TO '.*(ltu|umu|ssc|dalarna).se')`);
      const review = new Set(b.csv('review.csv').map((r) => [r.entity_a, r.entity_b].sort().join(' ')));
      // Two entities with a fact sheet each are two initiatives: not asked.
      const withSheet = new Set(
        b
          .csv('entities.csv')
          .filter((e) => e.factsheet_id !== '')
          .map((e) => e.entity_id),
      );
      const missing = shared
        .map((p) => [entityOf.get(p.a), entityOf.get(p.b)].sort().join(' '))
        .filter((e) => e.split(' ')[0] !== e.split(' ')[1] && !review.has(e))
        .filter((e) => !e.split(' ').every((id) => withSheet.has(id)));
      expect(shared.length).toBeGreaterThan(100);
      expect([...new Set(missing)]).toEqual([]);
    } finally {
      duck.close();
    }
  });

  it('writes byte-identical outputs for identical inputs', async () => {
    const hash = (f: string) =>
      createHash('sha256')
        .update(readFileSync(b.out(f)))
        .digest('hex');
    const files = [
      'entities.parquet',
      'entities.csv',
      'membership.parquet',
      'membership.csv',
      'pairs.parquet',
      'review.csv',
      'ledger.csv',
      'model.json',
    ];
    const before = files.map(hash);
    const again = await runStage(dedupe, b.t.edition);
    expect(files.map(hash)).toEqual(before);
    expect(again.outputs).toEqual(b.manifest.outputs);
  });
});
