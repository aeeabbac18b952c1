import { describe, expect, it } from 'vitest';
import {
  checkTarget,
  formatCount,
  formatMemory,
  formatNumber,
  formatRatio,
  type Limit,
  median,
  ratioToFloor,
} from '../src/stats.ts';

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 7, 3, 5])).toBe(5);
  });
  it('averages the middle two of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('ignores values that are not numbers, and has none for no values', () => {
    expect(median([Number.NaN, 2, Number.POSITIVE_INFINITY, 4])).toBe(3);
    expect(median([])).toBeUndefined();
  });
  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('ratio to the floor', () => {
  it('is seconds over floor seconds for durations', () => {
    expect(ratioToFloor(12, 3, 'lower')).toBe(4);
  });
  it('is floor rate over rate for rates, so that more than 1 always means slower than the floor', () => {
    expect(ratioToFloor(10, 40, 'higher')).toBe(4);
    expect(ratioToFloor(40, 40, 'higher')).toBe(1);
  });
  it('has no value without a floor or with a zero', () => {
    expect(ratioToFloor(5, undefined, 'lower')).toBeUndefined();
    expect(ratioToFloor(undefined, 5, 'lower')).toBeUndefined();
    expect(ratioToFloor(5, 0, 'lower')).toBeUndefined();
    expect(ratioToFloor(0, 5, 'higher')).toBeUndefined();
  });
});

describe('targets', () => {
  const limits: Limit[] = [
    { metric: 'value', op: '<=', bound: 120, text: '≤ 120 s' },
    { metric: 'peakMb', op: '<=', bound: 4096, text: '≤ 4 GB' },
    { metric: 'f1', op: '>=', bound: 0.98, text: 'F1 ≥ 0.98' },
  ];
  it('is met when every limit holds, bounds included', () => {
    expect(checkTarget(limits, { value: 120, peakMb: 4096, f1: 0.98 })).toEqual({ met: true, misses: [] });
  });
  it('names each limit missed with the measured value', () => {
    const r = checkTarget(limits, { value: 130.4, peakMb: 1000, f1: 0.95 });
    expect(r.met).toBe(false);
    expect(r.misses).toEqual(['≤ 120 s: measured 130', 'F1 ≥ 0.98: measured 0.95']);
  });
  it('counts a missing metric as a miss', () => {
    const r = checkTarget(limits, { value: 1, peakMb: 1 });
    expect(r.met).toBe(false);
    expect(r.misses).toEqual(['F1 ≥ 0.98: no value for f1']);
  });
});

describe('formatting', () => {
  it('gives numbers a few significant digits', () => {
    expect(formatNumber(0.00761)).toBe('0.0076');
    expect(formatNumber(0.0761)).toBe('0.076');
    expect(formatNumber(0.761)).toBe('0.76');
    expect(formatNumber(7.61)).toBe('7.6');
    expect(formatNumber(761.2)).toBe('761');
    expect(formatNumber(0)).toBe('0');
  });
  it('writes memory in MB below a gigabyte and GB above', () => {
    expect(formatMemory(512.4)).toBe('512 MB');
    expect(formatMemory(3134)).toBe('3.1 GB');
    expect(formatMemory(undefined)).toBe('—');
  });
  it('writes ratios and sizes', () => {
    expect(formatRatio(3.24)).toBe('×3.2');
    expect(formatRatio(undefined)).toBe('—');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(100_000)).toBe('100k');
    expect(formatCount(500)).toBe('500');
  });
});
