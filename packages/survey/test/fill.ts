// Fills a questionnaire as a respondent would, in Excel's stead (exceljs), for the survey's tests.
// Everything written here is synthetic test data.
import ExcelJS from 'exceljs';
import {
  DATE_CELL,
  FACT_COLS,
  FACT_HEADER_ROW,
  INDICATOR_COLS,
  INDICATOR_HEADER_ROW,
  SHEETS,
  SURVEY_FIELDS,
} from '../src/layout.ts';

export interface Filling {
  /** ja for every field unless given; a string = nej with that value. */
  facts?: Record<string, 'ja' | 'nej' | '' | { nej: string }>;
  allFacts?: 'ja' | '';
  /** Answers on the self-assessment sheet, in row order (ja / nej / vet ej / anything). */
  indicators?: string[];
  hur?: Record<number, string>;
  datum?: string;
  /** Raw cell edits after the rest: [sheet, address, value]. */
  cells?: [string, string, ExcelJS.CellValue][];
  renameSheet?: [string, string];
}

export async function fill(bytes: Buffer, f: Filling): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const facts = wb.getWorksheet(SHEETS.uppgifter) as ExcelJS.Worksheet;
  if (f.datum !== undefined) facts.getCell(DATE_CELL.row, DATE_CELL.col).value = f.datum;
  SURVEY_FIELDS.forEach(([key], i) => {
    const row = FACT_HEADER_ROW + 1 + i;
    const a = f.facts?.[key] ?? f.allFacts ?? 'ja';
    if (typeof a === 'object') {
      facts.getCell(row, FACT_COLS.confirm).value = 'nej';
      facts.getCell(row, FACT_COLS.answer).value = a.nej;
    } else if (a) facts.getCell(row, FACT_COLS.confirm).value = a;
  });
  const self = wb.getWorksheet(SHEETS.sjalv) as ExcelJS.Worksheet;
  (f.indicators ?? []).forEach((v, i) => {
    self.getCell(INDICATOR_HEADER_ROW + 1 + i, INDICATOR_COLS.answer).value = v;
  });
  for (const [k, text] of Object.entries(f.hur ?? {})) {
    // The criterion's first row: found by its number in column B (k.1).
    self.eachRow((row, n) => {
      if (row.getCell(INDICATOR_COLS.nr).value === `${k}.1`) self.getCell(n, INDICATOR_COLS.how).value = text;
    });
  }
  for (const [sheet, address, value] of f.cells ?? [])
    (wb.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address).value = value;
  if (f.renameSheet) (wb.getWorksheet(f.renameSheet[0]) as ExcelJS.Worksheet).name = f.renameSheet[1];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
