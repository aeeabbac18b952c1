import type { GeoResolution } from './resolve.ts';

/**
 * The counties an initiative "framförallt verkar inom" where its text is vague (report section 4.3), as
 * recorded in raw/<year>/geography/lan-val.csv.
 */
export interface LanOverride {
  lan_koder: string[];
  anmarkning: string;
}

/**
 * Checks an override against what the text says, and returns the counties to use or why it is refused.
 *
 * An override only chooses among the counties the text's vague names (gazetteer regions) cover: it must keep
 * every county the text names directly or through a kommun, and may add none the text does not reach. So it
 * can narrow "Bergslagen" to three of its five counties, but never contradict an explicit county.
 */
export function applyOverride(
  res: GeoResolution,
  ov: LanOverride,
): { ok: true; lan: string[] } | { ok: false; problem: string } {
  const chosen = [...new Set(ov.lan_koder)].sort();
  if (chosen.length === 0) return { ok: false, problem: 'no county codes' };
  const vague = res.hits.filter((h) => h.source === 'gazetteer');
  if (vague.length === 0) {
    return {
      ok: false,
      problem: 'an override, but the text names no region (only counties and kommuner, which need none)',
    };
  }
  const explicit = [...new Set(res.hits.filter((h) => h.source !== 'gazetteer').map((h) => h.lan_kod))];
  const dropped = explicit.filter((c) => !chosen.includes(c));
  if (dropped.length) {
    return { ok: false, problem: `it drops ${dropped.join(', ')}, which the text names explicitly` };
  }
  const reach = new Set(res.hits.map((h) => h.lan_kod));
  const outside = chosen.filter((c) => !reach.has(c));
  if (outside.length) {
    return { ok: false, problem: `it adds ${outside.join(', ')}, which no name in the text covers` };
  }
  return { ok: true, lan: chosen };
}
