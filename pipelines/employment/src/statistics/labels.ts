import { fold } from '@kk/geography';
import type { Reference } from '../reference.ts';

export type RegionLevel = 'riket' | 'lan' | 'kommun';

export interface RegionCode {
  region_kod: string;
  region_niva: RegionLevel;
  /** The county the region lies in (itself for a county); null for the whole country. */
  lan_kod: string | null;
}

/** SNI 2007 levels, coarse to fine, with RAMS's own groups first; `total` is an all-industries row. */
export type IndustryLevel =
  | 'total'
  | 'rams'
  | 'avdelning'
  | 'huvudgrupp'
  | 'grupp'
  | 'undergrupp'
  | 'detaljgrupp';

export interface IndustryCode {
  /** RAMS group (`B+C`, `00`), section letter, or SNI digits without dots (`62`, `62010`); `total` for totals. */
  kod: string;
  niva: IndustryLevel;
  /** A single letter that is both a RAMS group and an SNI section (J, K …); settled per file. */
  letter: boolean;
  rams_grupp: string | null;
  sni_avdelning: string | null;
  sni_huvudgrupp: string | null;
}

const RIKET = new Set(['riket', 'hela riket', 'sverige', 'sweden', 'whole country', 'totalt', 'total']);
const INDUSTRY_TOTAL = /^(totalt|total|samtliga|alla|summa|all)\b/i;
const INDUSTRY_UNKNOWN = /^(okänd|uppgift saknas|unknown)\b/i;

/** Lookups built once per reference object. */
interface Lookups {
  lan: Set<string>;
  kommunLan: Map<string, string>;
  regionByName: Map<string, RegionCode>;
  rams: Set<string>;
  ramsOfSection: Map<string, string>;
  sections: Set<string>;
  sectionOfDivision: Map<string, string>;
}

const cache = new WeakMap<Reference, Lookups>();

function lookups(ref: Reference): Lookups {
  const hit = cache.get(ref);
  if (hit) return hit;
  const regionByName = new Map<string, RegionCode>();
  // Full county names first: a kommun and a county short name can coincide (Gotland, Stockholm, Uppsala).
  for (const l of ref.lan) {
    regionByName.set(fold(l.lan_namn), { region_kod: l.lan_kod, region_niva: 'lan', lan_kod: l.lan_kod });
  }
  for (const k of ref.kommuner) {
    const code: RegionCode = { region_kod: k.kommun_kod, region_niva: 'kommun', lan_kod: k.lan_kod };
    for (const n of [k.kommun_namn, `${k.kommun_namn} kommun`]) {
      if (!regionByName.has(fold(n))) regionByName.set(fold(n), code);
    }
  }
  for (const l of ref.lan) {
    const key = fold(l.lan_kortnamn);
    if (!regionByName.has(key))
      regionByName.set(key, { region_kod: l.lan_kod, region_niva: 'lan', lan_kod: l.lan_kod });
  }
  const ramsOfSection = new Map<string, string>();
  for (const g of ref.ramsGrupper) {
    for (const s of g.sni_avdelningar.split(';').filter(Boolean)) ramsOfSection.set(s, g.rams_grupp);
  }
  const out: Lookups = {
    lan: new Set(ref.lan.map((l) => l.lan_kod)),
    kommunLan: new Map(ref.kommuner.map((k) => [k.kommun_kod, k.lan_kod])),
    regionByName,
    rams: new Set(ref.ramsGrupper.map((g) => g.rams_grupp)),
    ramsOfSection,
    sections: new Set(ref.sniAvdelningar.map((a) => a.avdelning)),
    sectionOfDivision: new Map(ref.sniHuvudgrupper.map((h) => [h.huvudgrupp, h.avdelning])),
  };
  cache.set(ref, out);
  return out;
}

/**
 * Reads a PxWeb region cell: `"01 Stockholms län"`, `"0114 Upplands Väsby"`, `"00 Riket"`, `"Sweden"`, a code
 * alone, or (without code) a county's full name or a kommun's name. Returns a problem text when unknown.
 */
export function parseRegion(label: string, ref: Reference): RegionCode | { problem: string } {
  // Compared in NFC: a macOS export decomposes å, ä, ö.
  const t = label.normalize('NFC').trim().replace(/\s+/g, ' ');
  const L = lookups(ref);
  const m = /^(\d{2}|\d{4})(?:\s+(.*))?$/.exec(t);
  if (m) {
    const code = m[1];
    if (code === '00' || code === '0000') return { region_kod: '00', region_niva: 'riket', lan_kod: null };
    if (code.length === 2) {
      if (L.lan.has(code)) return { region_kod: code, region_niva: 'lan', lan_kod: code };
      return { problem: `county code ${code} is not in reference/lan.csv` };
    }
    const lan = L.kommunLan.get(code);
    if (lan) return { region_kod: code, region_niva: 'kommun', lan_kod: lan };
    return { problem: `kommun code ${code} is not in reference/kommuner.csv (kommuner valid from 2003)` };
  }
  const key = fold(t);
  if (RIKET.has(key)) return { region_kod: '00', region_niva: 'riket', lan_kod: null };
  const byName = L.regionByName.get(key);
  if (byName) return byName;
  return { problem: 'a region without a code that is no county or kommun name' };
}

/**
 * Reads a PxWeb industry cell: a RAMS group (`"B+C tillverkning och utvinning"`, `"00 okänd verksamhet"`), an
 * SNI 2007 section (`"J information och kommunikation"`), division (`"62 Dataprogrammering…"`), group, class or
 * five-digit code (`"62010 …"`, `"62.010 …"`), or a total (`"Totalt"`, `"total"`). English labels work the same
 * way since only the code is read.
 */
export function parseIndustry(label: string, ref: Reference): IndustryCode | { problem: string } {
  const t = label.normalize('NFC').trim().replace(/\s+/g, ' ');
  const L = lookups(ref);
  const none = { rams_grupp: null, sni_avdelning: null, sni_huvudgrupp: null, letter: false };
  if (INDUSTRY_TOTAL.test(t)) return { ...none, kod: 'total', niva: 'total' };
  const rams = /^([A-U](?:\+[A-U])+)(?:\s|$)/.exec(t);
  if (rams) {
    if (!L.rams.has(rams[1]))
      return { problem: `RAMS group ${rams[1]} is not in reference/rams-grupper.csv` };
    return { ...none, kod: rams[1], niva: 'rams', rams_grupp: rams[1] };
  }
  const unknownCode = /^(0+(?:\.0+)?|US)(?:\s|$)/.exec(t) ?? (INDUSTRY_UNKNOWN.test(t) ? ['', '00'] : null);
  if (unknownCode) {
    // "00 okänd verksamhet" and its kin: counted in totals and in RAMS group 00, in no SNI division.
    return { ...none, kod: '00', niva: 'rams', rams_grupp: '00' };
  }
  const letter = /^([A-U])(?:\s|$)/.exec(t);
  if (letter) {
    const s = letter[1];
    if (!L.sections.has(s))
      return { problem: `SNI section ${s} is not in reference/sni2007-avdelningar.csv` };
    return {
      kod: s,
      niva: 'avdelning',
      letter: L.rams.has(s),
      rams_grupp: L.ramsOfSection.get(s) ?? null,
      sni_avdelning: s,
      sni_huvudgrupp: null,
    };
  }
  const digits = /^(\d{2})(?:\.?(\d{1,3}))?(?:\s|$)/.exec(t);
  if (digits) {
    const division = digits[1];
    const kod = division + (digits[2] ?? '');
    const section = L.sectionOfDivision.get(division);
    if (!section)
      return { problem: `SNI 2007 division ${division} is not in reference/sni2007-huvudgrupper.csv` };
    const niva: IndustryLevel = (['huvudgrupp', 'grupp', 'undergrupp', 'detaljgrupp'] as const)[
      kod.length - 2
    ];
    return {
      kod,
      niva,
      letter: false,
      rams_grupp: L.ramsOfSection.get(section) ?? null,
      sni_avdelning: section,
      sni_huvudgrupp: division,
    };
  }
  return { problem: 'an industry without an SNI 2007 or RAMS code' };
}

/**
 * Settles a file's single letters: RAMS groups when the file has RAMS's own groups (B+C, M+N …), else SNI
 * sections. A file holds one level; returns the level or a problem naming the clash.
 */
export function settleLevel(codes: IndustryCode[]): { level: IndustryLevel | null } | { problem: string } {
  const hasRams = codes.some((c) => c.niva === 'rams' && c.kod.includes('+'));
  const levels = new Set<IndustryLevel>();
  for (const c of codes) {
    if (c.niva === 'total' || (c.niva === 'rams' && c.kod === '00')) continue;
    if (c.niva === 'avdelning' && hasRams) {
      if (!c.letter) return { problem: `SNI section ${c.kod} next to RAMS groups (B+C …) in one file` };
      levels.add('rams');
    } else levels.add(c.niva);
  }
  if (levels.size > 1)
    return { problem: `industries at several levels (${[...levels].join(', ')}) in one file` };
  return { level: [...levels][0] ?? null };
}
