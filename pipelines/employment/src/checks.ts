import { type Duck, modelRows, type Warning } from '@kk/core';
import type { StatementResult } from './county-check.ts';
import { describeGaps, sv, yearGaps } from './gaps.ts';
import type { FileRead, StatFileSpec } from './statistics/index.ts';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The stage's checks over the joined data: national totals per year, the published totals of statistik.csv,
 * total rows that disagree, and the report's county statements. Returns checks.json, the failures that stop
 * the stage, and warnings.
 */
export async function runChecks(
  duck: Duck,
  input: {
    specs: StatFileSpec[];
    files: FileRead[];
    statistikar: number;
    lan: { lan_kod: string; lan_namn: string }[];
    /** How many RAMS groups there are besides "00 okänd verksamhet". */
    groups: number;
    counts: Map<string, number>;
    county: StatementResult[];
    /** statistik.csv as shown in messages. */
    manifest: string;
  },
) {
  const riket = (await modelRows(duck, 'employment', 'national_totals')).map((t) => ({
    ar: Number(t.ar),
    varde: num(t.varde),
    kalla: String(t.kalla),
  }));
  const explained: string[] = [];
  const kontrollWarnings: Warning[] = [];
  const kontroller = [];
  for (const s of input.specs) {
    if (!s.kontroll) continue;
    const { ar, riket: expected } = s.kontroll;
    const total = riket.find((t) => t.ar === ar);
    const got = total?.varde ?? null;
    const gaps = await yearGaps(duck, ar, input.groups);
    // Suppressed values leave the sum unknown; the declared total then stands for the country (models/totals.sql).
    const fromControl = total?.kalla === 'kontroll';
    const ok = got === expected;
    kontroller.push({
      fil: s.fil,
      ar,
      forvantat: expected,
      beraknat: fromControl ? null : got,
      summa_befintliga: gaps.present,
      kalla: total?.kalla ?? null,
      ok,
      saknas: describeGaps(gaps) || null,
    });
    if (fromControl) {
      kontrollWarnings.push({
        location: input.manifest,
        message: `national total ${ar}: the file's sum is unknown (${describeGaps(gaps)}); using kontroll_riket ${sv(expected)} for the country, figures that depend on a suppressed value are left out`,
      });
    } else if (!ok) {
      const why = describeGaps(gaps);
      const gap =
        gaps.present !== null && got === null
          ? `: ${sv(expected)} − ${sv(gaps.present)} = ${sv(expected - gaps.present)}`
          : '';
      explained.push(
        `national total ${ar}: ${got === null ? `unknown (${sv(gaps.present ?? 0)} present)` : sv(got)} ≠ ${sv(expected)} (${s.fil})${why ? `; ${why}${gap}` : ''}`,
      );
    }
  }
  const conflicts = (await modelRows(duck, 'employment', 'total_conflicts')).map((c) => ({
    ar: Number(c.ar),
    lan_kod: String(c.lan_kod),
    given_min: num(c.given_min),
    given_max: num(c.given_max),
    summa: num(c.summa),
    slag: String(c.slag) as 'totalrader' | 'summa',
  }));
  const failures = [
    ...explained,
    ...conflicts
      .filter((c) => c.slag === 'totalrader')
      .map((c) => `total rows for ${c.lan_kod} ${c.ar} disagree: ${c.given_min} and ${c.given_max}`),
    ...input.county
      .filter((s) => !s.ok)
      .map(
        (s) =>
          `${s.pastaende} ${s.lan_koder.join(';')}: ${s.beraknat}, the report says ${s.forvantat} (“${s.citat}”)`,
      ),
  ];
  // A total summed over the RAMS groups lacks those employed in an unknown industry when the file has no
  // "00 okänd verksamhet": said, since the totals (and so every LQ) are then a little too small.
  const without00 = await modelRows<{ ar: number }>(duck, 'employment', 'totals_without_okand');
  for (const { ar } of without00) {
    kontrollWarnings.push({
      location: input.manifest,
      message: `totals ${ar} are sums of the RAMS groups without "00 okänd verksamhet" (not in the files): those employed in an unknown industry are not counted`,
    });
  }
  const warnings: Warning[] = [
    ...kontrollWarnings,
    ...conflicts
      .filter((c) => c.slag === 'summa')
      .map((c) => ({
        location: input.manifest,
        message: `the total row for ${c.lan_kod} ${c.ar} (${c.given_max}) differs from the sum of all groups (${c.summa})`,
      })),
  ];
  const json = {
    statistikar: input.statistikar,
    filer: input.files.map(({ warnings: _, ...f }) => f),
    riket_per_ar: riket,
    kontroller,
    totaler_som_skiljer: conflicts,
    lan_lista1: input.lan.map((l) => ({
      lan_kod: l.lan_kod,
      lan_namn: l.lan_namn,
      antal: input.counts.get(l.lan_kod) ?? 0,
    })),
    rapportens_lansiffror: input.county,
  };
  return { json, failures, warnings };
}
