import { type Duck, modelRows } from '@kk/core';

/** A whole number as Swedish tables print it (4 406 789), with plain spaces for a terminal. */
export const sv = (n: number) => n.toLocaleString('sv-SE').replace(/\s/g, ' ');

export interface YearGaps {
  /** Counties with no row at all for the year, and county × group cells missing from the file. */
  absentCounties: { lan_kod: string; lan_namn: string }[];
  absentCells: { lan_kod: string; lan_namn: string; rams_grupp: string }[];
  /** Values the file gives a symbol for ('..'), with their place. */
  suppressed: { plats: string; symbol: string; lan_kod: string | null; naringsgren_kod: string }[];
  /** What the counties' values present add up to. */
  present: number | null;
  /** Where the national total in use came from: totalrad, summa, kontroll. */
  source: string | null;
}

/** What the data lacks for a year: the cells that explain a national total that is unknown or too small. */
export async function yearGaps(duck: Duck, ar: number, groups: number): Promise<YearGaps> {
  const of = <T extends { ar: unknown }>(rows: T[]) => rows.filter((r) => Number(r.ar) === ar);
  const gaps = of(
    await modelRows<{ ar: number; lan_kod: string; lan_namn: string; rams_grupp: string }>(
      duck,
      'employment',
      'coverage_gaps',
    ),
  ).map(({ lan_kod, lan_namn, rams_grupp }) => ({ lan_kod, lan_namn, rams_grupp }));
  const perCounty = new Map<string, typeof gaps>();
  for (const g of gaps) perCounty.set(g.lan_kod, [...(perCounty.get(g.lan_kod) ?? []), g]);
  const absentCounties = [...perCounty.values()]
    .filter((cells) => cells.length === groups)
    .map((cells) => ({ lan_kod: cells[0].lan_kod, lan_namn: cells[0].lan_namn }));
  const whole = new Set(absentCounties.map((c) => c.lan_kod));
  // missing_cells in its declared order (fil, rad, kolumn).
  const suppressed = of(
    await modelRows<YearGaps['suppressed'][number] & { ar: number }>(duck, 'employment', 'missing_cells'),
  ).map(({ plats, symbol, lan_kod, naringsgren_kod }) => ({ plats, symbol, lan_kod, naringsgren_kod }));
  const present = of(await modelRows<{ ar: number; summa: unknown }>(duck, 'employment', 'present_sum'))[0]
    ?.summa;
  const source = of(await modelRows<{ ar: number; kalla: unknown }>(duck, 'employment', 'national_totals'))[0]
    ?.kalla;
  return {
    absentCounties,
    absentCells: gaps.filter((g) => !whole.has(g.lan_kod)),
    suppressed,
    present: present === null || present === undefined ? null : Number(present),
    source: source === null || source === undefined ? null : String(source),
  };
}

/** "Värmlands län (17) saknas; Gotlands län (09): B+C saknas; 2 undertryckta värden (..) …" */
export function describeGaps(g: YearGaps): string {
  const parts: string[] = [];
  for (const c of g.absentCounties) parts.push(`${c.lan_namn} (${c.lan_kod}) saknas i filen`);
  const cells = g.absentCells.slice(0, 10).map((c) => `${c.lan_namn} (${c.lan_kod}) ${c.rams_grupp}`);
  if (cells.length) {
    parts.push(
      `saknas i filen: ${cells.join(', ')}${g.absentCells.length > 10 ? ` … (${g.absentCells.length})` : ''}`,
    );
  }
  if (g.suppressed.length) {
    const shown = g.suppressed.slice(0, 5).map((s) => `"${s.symbol}" at ${s.plats}`);
    parts.push(
      `${g.suppressed.length} suppressed value(s): ${shown.join(', ')}${g.suppressed.length > 5 ? ' …' : ''}`,
    );
  }
  return parts.join('; ');
}
