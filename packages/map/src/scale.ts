// Colour classes of the choropleths, shared by the SVG drawn at build time and the browser that recolours it.
// Pure functions without Node dependencies, so the browser bundle stays small.

import { roundDecimal } from '@kk/swedish';

/** Fill for a län with no value (missing or suppressed): never drawn as a zero. */
export const MISSING_FILL = 'url(#kk-saknas)';

const COUNT_FILLS = ['#f4f4f2', '#d6e4f0', '#a9c6e0', '#6f9fcb', '#3b73ad', '#1f4e79'];

/** Initiatives per län: 0 gets its own pale class, then classes up to the maximum. */
export function countClasses(max: number): {
  fill: (v: number | null) => string;
  legend: { label: string; fill: string }[];
} {
  const steps = Math.max(1, Math.min(5, max));
  const upper = (i: number) => Math.round((max * i) / steps);
  const classOf = (v: number) => (v <= 0 ? 0 : Math.min(steps, Math.max(1, Math.ceil((v * steps) / max))));
  const legend = [{ label: '0', fill: COUNT_FILLS[0] }];
  for (let i = 1; i <= steps; i += 1) {
    const lo = upper(i - 1) + 1;
    const hi = upper(i);
    if (hi < lo) continue;
    legend.push({ label: lo === hi ? String(hi) : `${lo}–${hi}`, fill: COUNT_FILLS[i] });
  }
  return { fill: (v) => (v === null ? MISSING_FILL : COUNT_FILLS[classOf(v)]), legend };
}

const LQ_BREAKS = [0.8, 0.95, 1.05, 1.25];
const LQ_FILLS = ['#c7673e', '#eab99a', '#f4f4f2', '#a9c6e0', '#1f4e79'];
const LQ_LABELS = ['under 0,80', '0,80–0,94', '0,95–1,04', '1,05–1,24', '1,25 och över'];

/**
 * Location quotient: below and above 1 (the national share) in two directions, 0,95–1,04 neutral. A län is put in
 * the class of its LQ as printed (2 decimals, rounded once), so that 1,049… shown as "1,05" is in "1,05–1,24".
 */
export function lqClasses(): {
  fill: (v: number | null) => string;
  legend: { label: string; fill: string }[];
} {
  return {
    fill: (v) => {
      if (v === null || !Number.isFinite(v)) return MISSING_FILL;
      const printed = roundDecimal(v, 2);
      const i = LQ_BREAKS.findIndex((b) => printed < b);
      return LQ_FILLS[i === -1 ? LQ_FILLS.length - 1 : i];
    },
    legend: LQ_LABELS.map((label, i) => ({ label, fill: LQ_FILLS[i] })),
  };
}
