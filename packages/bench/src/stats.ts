// The arithmetic of the benchmark table: medians, ratios to floors, targets. Pure, unit-tested.

/** The median of the values (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Whether a metric is a duration (lower is better) or a rate (higher is better). */
export type Direction = 'lower' | 'higher';

/**
 * How many times slower than its floor a workload is: seconds / floor seconds for durations, floor rate /
 * rate for rates (pages/s). 1 means as fast as the floor; undefined when either side is missing or zero.
 */
export function ratioToFloor(value: number | undefined, floor: number | undefined, direction: Direction) {
  if (value === undefined || floor === undefined) return undefined;
  if (!Number.isFinite(value) || !Number.isFinite(floor) || value <= 0 || floor <= 0) return undefined;
  return direction === 'lower' ? value / floor : floor / value;
}

/** One limit of a target: a metric compared with a bound. */
export interface Limit {
  /** The metric's key in the summary (median, peakMb, or a workload metric such as f1). */
  metric: string;
  op: '<=' | '>=';
  bound: number;
  /** How the limit is written in the table: "≤ 10 s". */
  text: string;
}

export interface TargetCheck {
  met: boolean;
  /** One line per limit that is not met, or whose metric is missing. */
  misses: string[];
}

/** Checks every limit against the summary's metrics; a missing metric counts as a miss. */
export function checkTarget(
  limits: readonly Limit[],
  metrics: Record<string, number | undefined>,
): TargetCheck {
  const misses: string[] = [];
  for (const limit of limits) {
    const v = metrics[limit.metric];
    if (v === undefined || !Number.isFinite(v)) {
      misses.push(`${limit.text}: no value for ${limit.metric}`);
      continue;
    }
    const ok = limit.op === '<=' ? v <= limit.bound : v >= limit.bound;
    if (!ok) misses.push(`${limit.text}: measured ${formatNumber(v)}`);
  }
  return { met: misses.length === 0, misses };
}

/** A number with a sensible count of digits for a table: 0.42, 4.2, 42, 420. */
export function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 1) return v.toFixed(a < 0.01 ? 4 : a < 0.1 ? 3 : 2);
  if (a < 100) return v.toFixed(1);
  return Math.round(v).toString();
}

export function formatSeconds(s: number | undefined): string {
  return s === undefined ? '—' : `${formatNumber(s)} s`;
}

export function formatRate(r: number | undefined, unit: string): string {
  return r === undefined ? '—' : `${formatNumber(r)} ${unit}`;
}

export function formatRatio(r: number | undefined): string {
  return r === undefined ? '—' : `×${formatNumber(r)}`;
}

/** Megabytes as MB below 1 GB, else GB with one decimal. */
export function formatMemory(mb: number | undefined): string {
  if (mb === undefined || !Number.isFinite(mb)) return '—';
  return mb < 1024 ? `${Math.round(mb)} MB` : `${(mb / 1024).toFixed(1)} GB`;
}

/** "1M", "100k", "500" for sizes. */
export function formatCount(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}
