import { aspect, countClasses, mapSvg, placeInitiative } from '@kk/map';
import type { ReportInputs } from './inputs.ts';

/**
 * The map half of Diagram 2: list-1 initiatives per län as a choropleth with the count on each län, and each
 * initiative at its host kommun. Drawn by @kk/map, the same code and data as the web edition's map.
 */
export function countyMapSvg(inputs: ReportInputs, counts: Map<string, number>): string {
  const { lan, kommuner } = inputs.karta;
  const byShort = new Map(inputs.lan.map((l) => [l.lan_kod, l.lan_kortnamn]));
  const max = Math.max(1, ...counts.values());
  const classes = countClasses(max);
  const fills = lan.map((l) => {
    const name = byShort.get(l.lan_kod) ?? l.lan_kod;
    const value = counts.get(name) ?? 0;
    return { lan_kod: l.lan_kod, label: `${name}: ${value}`, fill: classes.fill(value), text: String(value) };
  });
  const facts = new Map(inputs.factsheets.map((f) => [f.id, f]));
  const points = inputs.members
    .filter((m) => m.lista === 1)
    .map((m) => {
      const f = facts.get(m.factsheet_id);
      const codes = inputs.entityLan.get(m.entity_id) ?? [];
      const p = placeInitiative(
        { adress: f?.adress ?? '', geografiskt_omrade: f?.geografiskt_omrade ?? '' },
        codes,
        kommuner,
        lan,
      );
      return {
        id: m.entity_id,
        name: f?.tabellnamn ?? m.entity_id,
        kind: 'lista1' as const,
        lon: p.lon,
        lat: p.lat,
        multi: new Set(codes).size > 1,
        lan: codes,
      };
    })
    .filter((p) => Number.isFinite(p.lon));
  const width = 190;
  return mapSvg(lan, fills, points, {
    width,
    height: Math.round(width / aspect(lan)),
    title: 'Karta: antal klusterinitiativ i lista 1 per län',
    idPrefix: 'diagram2-karta',
  });
}
