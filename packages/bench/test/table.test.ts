import { describe, expect, it } from 'vitest';
import type { SizeResult } from '../src/runner.ts';
import { tableRow } from '../src/runner.ts';
import { type BenchRow, formatBenchTable, formatTable, width } from '../src/table.ts';

describe('formatTable', () => {
  it('pads columns to their widest cell, aligns numbers right and leaves no trailing blanks', () => {
    const text = formatTable(
      [
        { header: 'name', align: 'left' },
        { header: 'n', align: 'right' },
        { header: 'note', align: 'left' },
      ],
      [
        ['a', '1', ''],
        ['longer', '100', 'x'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'name      n  note',
      '──────  ───  ────',
      'a         1',
      'longer  100  x',
    ]);
  });

  it('counts ≤, ✓ and × as one column each', () => {
    expect(width('≤ 2 s ✓ ×3')).toBe(10);
    const text = formatTable(
      [
        { header: 't', align: 'left' },
        { header: 'v', align: 'left' },
      ],
      [
        ['≤ 2 s', '✓'],
        ['x', '✗'],
      ],
    );
    const lines = text.split('\n');
    expect(lines[2].indexOf('✓')).toBe(lines[3].indexOf('✗'));
  });
});

const row: BenchRow = {
  workload: 'dedupe',
  size: '100k',
  runs: '3',
  median: '4.4 s',
  floor: '0.041 s',
  ratio: '×107',
  peak: '510 MB',
  target: '≤ 10 s, F1 ≥ 0.98',
  verdict: '✓',
  notes: 'F1 0.993',
};

describe('the benchmark table', () => {
  it('has the columns of the issue: workload, size, median, floor, ratio, peak memory, target', () => {
    const [header, , line] = formatBenchTable([row]).split('\n');
    for (const h of [
      'workload',
      'size',
      'runs',
      'median',
      'floor',
      'ratio',
      'peak memory',
      'target',
      'notes',
    ]) {
      expect(header).toContain(h);
    }
    expect(line).toMatch(
      /^dedupe\s+100k\s+3\s+4\.4 s\s+0\.041 s\s+×107\s+510 MB\s+≤ 10 s, F1 ≥ 0\.98\s+✓\s+F1 0\.993$/,
    );
  });
});

function result(over: Partial<SizeResult>): SizeResult {
  return {
    workload: 'render',
    size: '500',
    n: 500,
    unit: 'pages/s',
    direction: 'higher',
    status: 'measured',
    runsPlanned: 3,
    runs: [1, 2, 3].map((v) => ({
      mode: 'main',
      value: v,
      treePeakMb: 900,
      wallSeconds: 1,
      loadavg: null,
      log: '',
    })),
    floorRuns: [],
    floorDescription: '',
    median: 8,
    floor: 40,
    ratio: 5,
    peakMb: 900,
    metrics: { pages: 410, refsChecked: 500 },
    target: { text: '≥ 15 pages/s', met: false, misses: ['≥ 15 pages/s: measured 8.0'] },
    problems: [],
    notes: [],
    loadavg: { start: null, end: null },
    wallSeconds: 10,
    ...over,
  };
}

describe('tableRow', () => {
  it('shows rates with their unit, the ratio and a cross for a missed target', () => {
    const r = tableRow(result({}));
    expect(r).toMatchObject({
      runs: '3',
      median: '8.0 pages/s',
      floor: '40.0 pages/s',
      ratio: '×5.0',
      peak: '900 MB',
      verdict: '✗',
      notes: '410 pages; page refs ok',
    });
  });
  it('says when page references are wrong', () => {
    expect(tableRow(result({ problems: ['3 of 500 page references wrong'] })).notes).toContain(
      'page refs WRONG',
    );
  });
  it('says "not available yet" for a workload whose code is not there, without a verdict', () => {
    const r = tableRow(result({ workload: 'diff', status: 'unavailable', reason: 'no benchDiff', runs: [] }));
    expect(r).toMatchObject({ median: '—', verdict: '–', notes: 'not available yet (no benchDiff)' });
  });
  it('shows seconds for durations and a dash where there is no floor', () => {
    const r = tableRow(
      result({
        workload: 'noop',
        unit: 's',
        direction: 'lower',
        median: 1.64,
        floor: undefined,
        ratio: undefined,
        metrics: {},
      }),
    );
    expect(r).toMatchObject({ median: '1.6 s', floor: '—', ratio: '—' });
  });
});
