import type { Duck, Warning } from '@kk/core';
import type { StatementResult } from './county-check.ts';
import { querySql } from './sql.ts';
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
    counts: Map<string, number>;
    county: StatementResult[];
    /** statistik.csv as shown in messages. */
    manifest: string;
  },
) {
  const riket = (await querySql<Record<string, unknown>>(duck, '50_national_totals.sql')).map((t) => ({
    ar: Number(t.ar),
    varde: num(t.varde),
    kalla: String(t.kalla),
  }));
  const kontroller = input.specs.flatMap((s) => {
    if (!s.kontroll) return [];
    const { ar, riket: expected } = s.kontroll;
    const got = riket.find((t) => t.ar === ar)?.varde ?? null;
    return [{ fil: s.fil, ar, forvantat: expected, beraknat: got, ok: got === expected }];
  });
  const conflicts = (await querySql<Record<string, unknown>>(duck, '51_total_conflicts.sql')).map((c) => ({
    ar: Number(c.ar),
    lan_kod: String(c.lan_kod),
    given_min: num(c.given_min),
    given_max: num(c.given_max),
    summa: num(c.summa),
    slag: String(c.slag) as 'totalrader' | 'summa',
  }));
  const failures = [
    ...kontroller
      .filter((k) => !k.ok)
      .map((k) => `national total ${k.ar}: ${k.beraknat} ≠ ${k.forvantat} (${k.fil})`),
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
  const warnings: Warning[] = conflicts
    .filter((c) => c.slag === 'summa')
    .map((c) => ({
      location: input.manifest,
      message: `the total row for ${c.lan_kod} ${c.ar} (${c.given_max}) differs from the sum of all groups (${c.summa})`,
    }));
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
