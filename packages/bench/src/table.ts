// The table `npm run bench` prints. Pure: rows in, text out.

export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align: Align;
}

/** Display width of a string: code points (the table holds no wide or combining characters). */
export function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** A plain-text table: header, a rule, then the rows, columns two spaces apart, no trailing blanks. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => pad(cells[i] ?? '', widths[i], c.align))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    widths
      .map((w) => '─'.repeat(w))
      .join('  ')
      .trimEnd(),
    ...rows.map(line),
  ].join('\n');
}

/** One row of the benchmark table, already formatted. */
export interface BenchRow {
  workload: string;
  size: string;
  runs: string;
  median: string;
  floor: string;
  ratio: string;
  peak: string;
  target: string;
  /** '✓' met, '✗' missed, '–' no target or not measured. */
  verdict: string;
  notes: string;
}

export const BENCH_COLUMNS: Column[] = [
  { header: 'workload', align: 'left' },
  { header: 'size', align: 'right' },
  { header: 'runs', align: 'right' },
  { header: 'median', align: 'right' },
  { header: 'floor', align: 'right' },
  { header: 'ratio', align: 'right' },
  { header: 'peak memory', align: 'right' },
  { header: 'target', align: 'left' },
  { header: '', align: 'left' },
  { header: 'notes', align: 'left' },
];

export function formatBenchTable(rows: readonly BenchRow[]): string {
  return formatTable(
    BENCH_COLUMNS,
    rows.map((r) => [
      r.workload,
      r.size,
      r.runs,
      r.median,
      r.floor,
      r.ratio,
      r.peak,
      r.target,
      r.verdict,
      r.notes,
    ]),
  );
}
