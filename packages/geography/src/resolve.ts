import { type GeoIndex, type GeoReference, geoIndex, NOT_PLACES } from './reference.ts';
import { fold, splitPlaces } from './text.ts';

/**
 * How a county was found: `text` the county is named, `kommun` a kommun in it is named, `gazetteer` a region,
 * landskap or place in the gazetteer lies (partly) in it.
 */
export type GeoSource = 'text' | 'kommun' | 'gazetteer';

/** One county found in the text, and the name that gave it. */
export interface LanHit {
  lan_kod: string;
  source: GeoSource;
  /** The name as written in the text. */
  name: string;
  /** Gazetteer type (region, landskap, ort, stadsdel) when `source` is `gazetteer`. */
  typ?: string;
}

/** A place outside Sweden, or the foreign side of a cross-border region (Öresund → DK). */
export interface ForeignPlace {
  /** The gazetteer name ("Oulu", "Öresund"). */
  name: string;
  /** ISO 3166 country code. */
  land: string;
  /** As written, with a qualifying country in parentheses kept ("Oulu (Finland)"). */
  written: string;
}

export interface GeoResolution {
  /** County codes, sorted and unique. */
  lan: string[];
  /** Every county hit in text order; a county can be hit by several names. */
  hits: LanHit[];
  foreign: ForeignPlace[];
  /** Names found in no reference table, as written; an initiative with any is not resolved. */
  unknown: string[];
  /** Phrases that are not places (see NOT_PLACES), as written. */
  ignored: string[];
}

const isIndex = (x: GeoReference | GeoIndex): x is GeoIndex => 'names' in x && x.names instanceof Map;

/**
 * Resolves a Geografiskt område text to the counties (län) it names, directly, through a kommun or through the
 * gazetteer, plus the foreign places it names. Pure: the same text and tables give the same result.
 *
 * @example
 *   resolveGeography('Norrbotten, Västerbotten, Oulu (Finland)', ref)
 *   // → { lan: ['24', '25'], foreign: [{ name: 'Oulu', land: 'FI', written: 'Oulu (Finland)' }], unknown: [], … }
 */
export function resolveGeography(text: string, ref: GeoReference | GeoIndex): GeoResolution {
  const index = isIndex(ref) ? ref : geoIndex(ref);
  const hits: LanHit[] = [];
  const foreign: ForeignPlace[] = [];
  const unknown: string[] = [];
  const ignored: string[] = [];
  // Which foreign place each part produced, so a country in parentheses can qualify it.
  const foreignOfPart = new Map<number, ForeignPlace>();
  const parts = splitPlaces(text);
  parts.forEach((part, i) => {
    const key = fold(part.text);
    if (NOT_PLACES.includes(key)) {
      ignored.push(part.text);
      return;
    }
    const entry = index.names.get(key);
    if (!entry) {
      unknown.push(part.text);
      return;
    }
    if (entry.kind === 'lan') {
      hits.push({ lan_kod: entry.lan_kod, source: 'text', name: part.text });
    } else if (entry.kind === 'kommun') {
      hits.push({ lan_kod: entry.lan_kod, source: 'kommun', name: part.text });
    } else {
      for (const lan_kod of entry.lan_koder) {
        hits.push({ lan_kod, source: 'gazetteer', name: part.text, typ: entry.typ });
      }
      const qualified = part.qualifies === undefined ? undefined : foreignOfPart.get(part.qualifies);
      const sameCountry =
        qualified && entry.lan_koder.length === 0 && entry.land.every((l) => l === qualified.land);
      if (qualified && sameCountry) {
        // "Oulu (Finland)": the country only says where Oulu is; it is not a second place.
        qualified.written = `${qualified.written} (${part.text})`;
        return;
      }
      for (const land of entry.land) {
        const place = { name: entry.name, land, written: part.text };
        foreign.push(place);
        foreignOfPart.set(i, place);
      }
    }
  });
  return { lan: [...new Set(hits.map((h) => h.lan_kod))].sort(), hits, foreign, unknown, ignored };
}
