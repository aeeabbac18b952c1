import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { currentStageDir, type Edition, OPEN_KIND_TITLES, type OpenItem, readCsv, writeXlsx } from '@kk/core';

/**
 * The analyst's workbook of an edition, build/<year>/arbetsbok-<year>.xlsx: what is left to do, the entities to
 * assess and the pairs to review, one sheet each (frozen header, fitted widths), so that the year's work can be
 * done in Excel and pasted back into the raw CSV files. The CSV files stay the source; this is a view of them.
 */
export async function writeWorkbook(path: string, items: OpenItem[], edition: Edition): Promise<void> {
  // The sheets show the files as the analyst sees them (this run's, staged until the run succeeds).
  const upstream = (stage: string) => currentStageDir(edition, stage);
  const sheetOf = (name: string, file: string, none: string) => {
    if (!existsSync(file)) return { name, header: ['anmärkning'], rows: [[none]] };
    const t = readCsv(file, { encoding: 'utf-8' });
    return { name, header: t.header, rows: t.rows.map((r) => r.values) };
  };
  await writeXlsx(path, [
    {
      name: 'Att göra',
      header: ['slag', 'vad', 'att_gora', 'fil', 'rad', 'ocksa'],
      rows: items.map((i) => [
        OPEN_KIND_TITLES[i.kind].sv,
        i.what,
        i.todo,
        i.file,
        i.line === undefined ? '' : String(i.line),
        i.also.join('; '),
      ]),
    },
    sheetOf(
      'Att bedöma',
      join(upstream('criteria'), 'att-bedöma.csv'),
      'Alla entiteter är bedömda (ingen att-bedöma.csv).',
    ),
    sheetOf('Granskning', join(upstream('dedupe'), 'review.csv'), 'Inga granskningspar (ingen review.csv).'),
  ]);
}
