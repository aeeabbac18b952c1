import { type GeoIndex, type GeoReference, geoIndex, type NameEntry } from './reference.ts';
import { fold } from './text.ts';

/** Jaro–Winkler similarity (0–1): kind to typos and to a shared beginning, which is how place names go wrong. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(b.length - 1, i + range);
    for (let j = lo; j <= hi; j++) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = true;
      bMatch[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export interface Suggestion {
  name: string;
  /** What the name is: "län 17", "kommun i län 18", "region (17;18;19;20;21)", "utland (FI)". */
  what: string;
  score: number;
}

function describe(e: NameEntry, index: GeoIndex): string {
  if (e.kind === 'lan') return index.lanNames.get(e.lan_kod) ?? `län ${e.lan_kod}`;
  if (e.kind === 'kommun') return `kommun i ${index.lanNames.get(e.lan_kod) ?? `län ${e.lan_kod}`}`;
  return e.lan_koder.length ? `${e.typ}, län ${e.lan_koder.join(';')}` : `${e.typ}, ${e.land.join(';')}`;
}

/**
 * The known names closest to an unknown one (county forms, kommuner, gazetteer), best first; at most
 * `max`, none below `minScore`.
 */
export function suggestNames(
  word: string,
  ref: GeoReference | GeoIndex,
  max = 3,
  minScore = 0.82,
): Suggestion[] {
  const index =
    'names' in ref && ref.names instanceof Map ? (ref as GeoIndex) : geoIndex(ref as GeoReference);
  const key = fold(word);
  const best = new Map<string, Suggestion>();
  for (const [name, entry] of index.names) {
    const score = jaroWinkler(key, name);
    if (score < minScore) continue;
    // One suggestion per place: "Västra Götaland" and "Västra Götalands län" are the same county.
    const target = entry.kind === 'lan' ? `lan:${entry.lan_kod}` : `${entry.kind}:${entry.name}`;
    const prev = best.get(target);
    if (!prev || prev.score < score)
      best.set(target, { name: entry.name, what: describe(entry, index), score });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'sv'))
    .slice(0, max);
}

/**
 * Says which names of a Geografiskt område text are unknown, with close matches:
 * `"Karlstadd" (did you mean Karlstad (kommun i Värmlands län)?), "Norrlan" (no close match)`.
 * Used as the `found` part of an InputError located at the fact sheet.
 */
export function describeUnknown(unknown: string[], ref: GeoReference | GeoIndex): string {
  return unknown
    .map((w) => {
      const s = suggestNames(w, ref);
      const hint = s.length
        ? `did you mean ${s.map((x) => `${x.name} (${x.what})`).join(' or ')}?`
        : 'no close match; add it to reference/gazetteer.csv';
      return `${JSON.stringify(w)} (${hint})`;
    })
    .join(', ');
}
