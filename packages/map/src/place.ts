import { geoCentroid } from 'd3-geo';
import type { LanShape } from './geo.ts';

export interface KommunPunkt {
  kommun_kod: string;
  kommun_namn: string;
  lan_kod: string;
  lat: number;
  lon: number;
}

/** Where an initiative is drawn, and why there. */
export interface Placement {
  lon: number;
  lat: number;
  kommun_kod: string | null;
  kommun_namn: string | null;
  /** `adress`: the postal town of its address; `omrade`: a kommun its Geografiskt område names; `lan`: the middle of its (first) län. */
  via: 'adress' | 'omrade' | 'lan' | 'saknas';
}

/** raw/<year>/karta/kommunpunkter.csv (plain CSV without quoted fields, written by @kk/raw-tools). */
export function readKommunpunkter(text: string): KommunPunkt[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((line) => {
    const v = line.split(',');
    const get = (c: string) => v[cols.indexOf(c)];
    return {
      kommun_kod: get('kommun_kod'),
      kommun_namn: get('kommun_namn'),
      lan_kod: get('lan_kod'),
      lat: Number(get('lat')),
      lon: Number(get('lon')),
    };
  });
}

const fold = (s: string) => s.toLocaleLowerCase('sv').replace(/\s+/g, ' ');

/** The kommuner whose name stands as a word in the text, in the order they appear. */
function kommunerIn(text: string, kommuner: KommunPunkt[]): KommunPunkt[] {
  // "Örebro län" names the county, not the kommun Örebro.
  const t = ` ${fold(text)
    .replace(/[\p{L}-]+ län\b/gu, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return kommuner
    .map((k) => ({ k, at: t.indexOf(` ${fold(k.kommun_namn)} `) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((x) => x.k);
}

/**
 * The host kommun of an initiative: the postal town after the postcode in its address, else the first kommun
 * its Geografiskt område names; either only when the kommun lies in one of the initiative's län. Without
 * one, the middle of its first län; without a Swedish län, no place.
 */
export function placeInitiative(
  f: { adress: string; geografiskt_omrade: string },
  lan: string[],
  kommuner: KommunPunkt[],
  shapes: LanShape[],
): Placement {
  const inLan = (k: KommunPunkt) => lan.length === 0 || lan.includes(k.lan_kod);
  const at = (k: KommunPunkt, via: Placement['via']): Placement => ({
    lon: k.lon,
    lat: k.lat,
    kommun_kod: k.kommun_kod,
    kommun_namn: k.kommun_namn,
    via,
  });
  for (const m of f.adress.matchAll(/\b\d{3} ?\d{2}\s+([\p{L}][\p{L} -]*)/gu)) {
    const town = kommunerIn(m[1].split(/\s+/).slice(0, 2).join(' '), kommuner).find(inLan);
    if (town) return at(town, 'adress');
  }
  const named = kommunerIn(f.geografiskt_omrade, kommuner).find(inLan);
  if (named) return at(named, 'omrade');
  const shape = shapes.find((s) => s.lan_kod === lan[0]);
  if (!shape) return { lon: Number.NaN, lat: Number.NaN, kommun_kod: null, kommun_namn: null, via: 'saknas' };
  const [lon, lat] = geoCentroid(shape.feature);
  return { lon, lat, kommun_kod: null, kommun_namn: null, via: 'lan' };
}
