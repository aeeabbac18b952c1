import { type GeoReference, resolveGeography } from '@kk/geography';

export type { GeoReference };

/**
 * The foreign places an initiative's Geografiskt område names, as written ("Oulu (Finland)", "Öresund",
 * "Oslo"). A network that names one works across a national border: a transnational network (3.2.2).
 * The only place this stage asks where an initiative is, so a change of geography code touches one line.
 */
export function utlandskaOrter(geografisktOmrade: string, ref: GeoReference): string[] {
  return resolveGeography(geografisktOmrade, ref).foreign.map((f) => f.written);
}
