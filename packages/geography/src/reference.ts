import { fold } from './text.ts';

/**
 * The reference tables resolution needs, as stage 1 writes them (build/<year>/ingest/ref_*). Extra columns
 * are ignored, so rows can be passed straight from the tables.
 */
export interface GeoReference {
  /** ref_lan: `lan_kod` (two digits), `lan_namn` ("Örebro län"), `lan_kortnamn` ("Örebro"). */
  lan: { lan_kod: string; lan_namn: string; lan_kortnamn: string }[];
  /** ref_kommuner: `kommun_kod` (four digits), `kommun_namn` (without " kommun"), `lan_kod`. */
  kommuner: { kommun_kod: string; kommun_namn: string; lan_kod: string }[];
  /** ref_lan_alias: other ways the report writes a county ("Kalmar län"). */
  lanAlias: { alias: string; lan_kod: string }[];
  /** ref_gazetteer: regions, landskap, places and foreign places; `lan_koder` and `land` are `;`-separated. */
  gazetteer: { namn: string; typ: string; lan_koder: string | null; land: string | null }[];
}

/** What a known name stands for. */
export type NameEntry =
  | { kind: 'lan'; name: string; lan_kod: string }
  | { kind: 'kommun'; name: string; kommun_kod: string; lan_kod: string }
  | { kind: 'gazetteer'; name: string; typ: string; lan_koder: string[]; land: string[] };

/** Known names by folded form; built once per reference object. */
export interface GeoIndex {
  names: Map<string, NameEntry>;
  lanNames: Map<string, string>;
}

/**
 * Phrases that describe an initiative's reach rather than a place ("Kronoberg (med nationell utbredning)").
 * They are reported as ignored, never as unknown.
 */
export const NOT_PLACES: readonly string[] = ['med nationell utbredning'];

// An empty cell comes out of the table as NULL.
const split = (s: string | null) =>
  (s ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);

const cache = new WeakMap<GeoReference, GeoIndex>();

/**
 * Indexes the reference tables by folded name. A county form wins over a kommun of the same name
 * (Stockholm, Uppsala: same county either way), a kommun over a gazetteer entry.
 */
export function geoIndex(ref: GeoReference): GeoIndex {
  const hit = cache.get(ref);
  if (hit) return hit;
  const names = new Map<string, NameEntry>();
  const add = (name: string, entry: NameEntry) => {
    const key = fold(name);
    if (key && !names.has(key)) names.set(key, entry);
  };
  for (const l of ref.lan) {
    add(l.lan_namn, { kind: 'lan', name: l.lan_namn, lan_kod: l.lan_kod });
    add(l.lan_kortnamn, { kind: 'lan', name: l.lan_kortnamn, lan_kod: l.lan_kod });
  }
  for (const a of ref.lanAlias) add(a.alias, { kind: 'lan', name: a.alias, lan_kod: a.lan_kod });
  for (const k of ref.kommuner) {
    const entry: NameEntry = {
      kind: 'kommun',
      name: k.kommun_namn,
      kommun_kod: k.kommun_kod,
      lan_kod: k.lan_kod,
    };
    add(k.kommun_namn, entry);
    add(`${k.kommun_namn} kommun`, entry);
  }
  for (const g of ref.gazetteer) {
    add(g.namn, {
      kind: 'gazetteer',
      name: g.namn,
      typ: g.typ,
      lan_koder: split(g.lan_koder),
      land: split(g.land),
    });
  }
  const index = { names, lanNames: new Map(ref.lan.map((l) => [l.lan_kod, l.lan_namn])) };
  cache.set(ref, index);
  return index;
}
