// The location quotients and shares of the 2009 edition recomputed from the employment stage's statistics
// (statistics_long: SCB's counts as the stage read them), with exact rational arithmetic on BigInt and rounded
// half up by hand: what every printed figure must say. Nothing here uses the code under test (@kk/swedish, the
// SQL's divisions); the tables of the stage give only which initiative is in which län and sector.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

type Csv = Record<string, string>[];
const readCsv = (path: string): Csv => parse(readFileSync(path), { columns: true, bom: true });

/** A fraction p / q of whole numbers; null when an input is missing (suppressed or absent). */
export type Fraction = { p: bigint; q: bigint } | null;

/** p / q rounded half up to `digits` decimals, written as sv-SE writes it (decimal comma; no grouping needed). */
export function roundHalfUp(f: { p: bigint; q: bigint }, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const units = (2n * f.p * scale + f.q) / (2n * f.q); // floor(p/q × 10^d + 1/2), p and q positive
  const s = units.toString().padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return digits ? `${whole},${s.slice(s.length - digits)}` : whole;
}

export interface Expected {
  year: number;
  /** LQ of a RAMS group in a län (lan_sector), by `${lan}|${group}`. */
  lanLq: Map<string, Fraction>;
  /** The group's share of the län's employment. */
  lanShare: Map<string, Fraction>;
  /** An initiative's LQ in one of its län (rad 'lan'), by `${entity_id}|${lan}`, and over all of them (`|alla`). */
  entityLq: Map<string, Fraction>;
  entityShare: Map<string, Fraction>;
  /** Employed persons in the initiative's sector (all its län together), to tell rows apart. */
  entityEmployed: Map<string, bigint | null>;
  /** List 1 in the report's order (ordning). */
  list1: { entity: string; factsheet: string; name: string }[];
  /** Fact sheet id → entity id, tabellnamn → fact sheet id, län short name → code. */
  entityOfFactsheet: Map<string, string>;
  factsheetOfName: Map<string, string>;
  lanOfName: Map<string, string>;
}

const sum = (xs: (bigint | null)[]): bigint | null =>
  xs.some((x) => x === null) ? null : xs.reduce<bigint>((a, b) => a + (b as bigint), 0n);

export function recompute(buildDir: string): Expected {
  const employment = readCsv(join(buildDir, 'employment', 'entity_employment.csv'));
  const year = Number(employment[0]?.ar);
  const stats = readCsv(join(buildDir, 'employment', 'statistics_long.csv')).filter(
    (r) => Number(r.ar) === year,
  );
  const value = (r: Record<string, string>) => (r.varde === '' ? null : BigInt(r.varde));

  // Counts per län and RAMS group; the country's per group and totals: SCB's own rows where the file has them
  // (Riket, all industries), else the sums, as the stage does.
  const cell = new Map<string, bigint | null>();
  const nationRows = new Map<string, bigint | null>();
  const totalRows = new Map<string, bigint | null>();
  const add = (m: Map<string, bigint | null>, k: string, v: bigint | null) => {
    const had = m.has(k) ? (m.get(k) as bigint | null) : 0n;
    m.set(k, had === null || v === null ? null : had + v);
  };
  for (const r of stats) {
    const riket = r.region_niva === 'riket' || r.lan_kod === '00' || r.lan_kod === '';
    if (r.naringsgren_niva === 'total') add(totalRows, riket ? '00' : r.lan_kod, value(r));
    else if (r.naringsgren_niva === 'rams')
      add(riket ? nationRows : cell, riket ? r.rams_grupp : `${r.lan_kod}|${r.rams_grupp}`, value(r));
    else throw new Error(`recompute: statistics at level ${r.naringsgren_niva}; this test reads RAMS groups`);
  }
  const lans = [...new Set([...cell.keys()].map((k) => k.split('|')[0]))];
  const groups = [...new Set([...cell.keys()].map((k) => k.split('|')[1]))];
  const at = (lan: string, group: string) =>
    cell.has(`${lan}|${group}`) ? (cell.get(`${lan}|${group}`) ?? null) : null;
  const total = (lan: string) =>
    totalRows.has(lan) ? (totalRows.get(lan) ?? null) : sum(groups.map((g) => at(lan, g)));
  const nation = (group: string) =>
    nationRows.has(group) ? (nationRows.get(group) ?? null) : sum(lans.map((l) => at(l, group)));
  const nationTotal = totalRows.has('00') ? (totalRows.get('00') ?? null) : sum(groups.map(nation));

  const lq = (s: bigint | null, r: bigint | null, n: bigint | null, t: bigint | null): Fraction =>
    s === null || r === null || n === null || t === null || r === 0n || n === 0n
      ? null
      : { p: s * t, q: r * n };
  const share = (s: bigint | null, r: bigint | null): Fraction =>
    s === null || r === null || r === 0n ? null : { p: s, q: r };

  const lanLq = new Map<string, Fraction>();
  const lanShare = new Map<string, Fraction>();
  for (const l of lans)
    for (const g of groups) {
      lanLq.set(`${l}|${g}`, lq(at(l, g), total(l), nation(g), nationTotal));
      lanShare.set(`${l}|${g}`, share(at(l, g), total(l)));
    }

  const entityLq = new Map<string, Fraction>();
  const entityShare = new Map<string, Fraction>();
  const entityEmployed = new Map<string, bigint | null>();
  for (const r of employment) {
    if (r.gruppering !== 'rams') throw new Error('recompute: this test reads initiatives in RAMS groups');
    const codes = r.naringsgren_koder.split(';');
    const where = r.rad === 'alla' ? r.lan_koder.split(';') : [r.lan_kod];
    const s = sum(where.flatMap((l) => codes.map((c) => at(l, c))));
    const region = sum(where.map(total));
    const key = `${r.entity_id}|${r.rad === 'alla' ? 'alla' : r.lan_kod}`;
    entityLq.set(key, lq(s, region, sum(codes.map(nation)), nationTotal));
    entityShare.set(key, share(s, region));
    entityEmployed.set(key, s);
  }

  const facts = readCsv(join(buildDir, 'ingest', 'factsheets.csv'));
  const list1 = employment
    .filter((r) => r.rad === 'alla' && r.lista === '1')
    .sort((a, b) => Number(a.ordning) - Number(b.ordning))
    .map((r) => ({ entity: r.entity_id, factsheet: r.factsheet_id, name: r.namn }));
  return {
    year,
    lanLq,
    lanShare,
    entityLq,
    entityShare,
    entityEmployed,
    list1,
    entityOfFactsheet: new Map(employment.map((r) => [r.factsheet_id, r.entity_id])),
    factsheetOfName: new Map(facts.map((f) => [f.tabellnamn, f.id])),
    lanOfName: new Map(
      readCsv(join(buildDir, 'ingest', 'ref_lan.csv')).map((l) => [l.lan_kortnamn, l.lan_kod]),
    ),
  };
}

/** What a page must print for an LQ: 2 decimals, or a missing value's words (never a number). */
export const lqText = (f: Fraction) => (f === null ? null : roundHalfUp(f, 2));
/** What a page must print for a share: per cent with 1 decimal. */
export const shareText = (f: Fraction) =>
  f === null ? null : `${roundHalfUp({ p: 100n * f.p, q: f.q }, 1)}\u00a0%`;
