import { readFileSync } from 'node:fs';
import { newWorkbook } from '@kk/core';
import type ExcelJS from 'exceljs';
import Mustache from 'mustache';
import {
  CONFIRM_CHOICES,
  DATE_CELL,
  FACT_COLS,
  FACT_HEADER_ROW,
  ID_CELL,
  INDICATOR_CHOICES,
  INDICATOR_COLS,
  INDICATOR_HEADER_ROW,
  SHEETS,
  SURVEY_FIELDS,
  YEAR_CELL,
} from './layout.ts';

export interface Criterion {
  nr: number;
  rubrik: string;
}
export interface Indicator {
  kriterium: number;
  nr: number;
  text: string;
}
export interface QuestionnaireSpec {
  id: string;
  year: number;
  namn: string;
  /** Last year's value of each field in SURVEY_FIELDS (missing = empty). */
  facts: Record<string, string>;
  criteria: Criterion[];
  indicators: Indicator[];
}

const INSTRUCTIONS = readFileSync(new URL('../templates/instruktioner.mustache', import.meta.url), 'utf8');
const BOLD = { bold: true };
const ANSWER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const listOf = (choices: readonly string[]) => [`"${choices.join(',')}"`];

/** An answer cell: unlocked (the sheet is protected), tinted, with a drop-down when it has choices. */
function answerCell(cell: ExcelJS.Cell, choices?: readonly string[]): void {
  cell.protection = { locked: false };
  cell.fill = ANSWER_FILL;
  if (choices)
    cell.dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: listOf(choices),
      showErrorMessage: true,
      errorTitle: 'Välj ett svar',
      error: `Svara ${choices.join(', ')}.`,
    };
}

// Protection keeps the id, the year and the questions where they are; it has no password, because it guards
// against slips, not against the respondent (the reader checks every cell it reads anyway).
const protect = (ws: ExcelJS.Worksheet) =>
  ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

/** One initiative's questionnaire as .xlsx bytes. Deterministic for the same spec (fixed dates). */
export async function questionnaire(spec: QuestionnaireSpec): Promise<Buffer> {
  // Loaded when a questionnaire is written: the stages that import this package for reading do not pay for it.
  const wb = await newWorkbook();
  wb.creator = 'Klusterkartan';
  const fixed = new Date(Date.UTC(spec.year, 0, 1));
  wb.created = fixed;
  wb.modified = fixed;

  const info = wb.addWorksheet(SHEETS.instruktioner);
  info.getColumn(1).width = 110;
  const lines = Mustache.render(INSTRUCTIONS, {
    namn: spec.namn,
    ar: spec.year,
    antal_underkategorier: spec.indicators.length,
    antal_kriterier: spec.criteria.length,
  })
    .split('\n')
    .filter((l) => l.trim() !== '');
  lines.forEach((text, i) => {
    const cell = info.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  await protect(info);

  const facts = wb.addWorksheet(SHEETS.uppgifter);
  facts.columns = [{ width: 30 }, { width: 50 }, { width: 18 }, { width: 50 }];
  facts.getCell(1, 1).value = `Uppgifter om ${spec.namn}`;
  facts.getCell(1, 1).font = { bold: true, size: 13 };
  facts.getCell(ID_CELL.row, 1).value = 'Initiativ-id';
  facts.getCell(ID_CELL.row, ID_CELL.col).value = spec.id;
  facts.getCell(YEAR_CELL.row, 1).value = 'Utgåva';
  facts.getCell(YEAR_CELL.row, YEAR_CELL.col).value = spec.year;
  facts.getCell(DATE_CELL.row, 1).value = 'Ifyllt datum (ÅÅÅÅ-MM-DD)';
  answerCell(facts.getCell(DATE_CELL.row, DATE_CELL.col));
  const header = ['Fält', 'Förra årets uppgift', 'Stämmer uppgiften?', 'Rätt uppgift (om nej)'];
  header.forEach((h, i) => {
    const c = facts.getCell(FACT_HEADER_ROW, i + 1);
    c.value = h;
    c.font = BOLD;
  });
  SURVEY_FIELDS.forEach(([key, label], i) => {
    const row = FACT_HEADER_ROW + 1 + i;
    facts.getCell(row, FACT_COLS.label).value = label;
    const last = facts.getCell(row, FACT_COLS.last);
    last.value = spec.facts[key] ?? '';
    last.alignment = { wrapText: true, vertical: 'top' };
    answerCell(facts.getCell(row, FACT_COLS.confirm), CONFIRM_CHOICES);
    const answer = facts.getCell(row, FACT_COLS.answer);
    answerCell(answer);
    answer.alignment = { wrapText: true, vertical: 'top' };
  });
  await protect(facts);

  const self = wb.addWorksheet(SHEETS.sjalv);
  self.columns = [{ width: 34 }, { width: 8 }, { width: 60 }, { width: 14 }, { width: 50 }];
  self.getCell(1, 1).value = 'Hur arbetar ni mot de sex kriterierna?';
  self.getCell(1, 1).font = { bold: true, size: 13 };
  ['Kriterium', 'Nr', 'Underkategori', 'Svar', 'Hur arbetar ni med kriteriet?'].forEach((h, i) => {
    const c = self.getCell(INDICATOR_HEADER_ROW, i + 1);
    c.value = h;
    c.font = BOLD;
  });
  let row = INDICATOR_HEADER_ROW + 1;
  for (const c of spec.criteria) {
    const inds = spec.indicators.filter((x) => x.kriterium === c.nr).sort((a, b) => a.nr - b.nr);
    inds.forEach((ind, i) => {
      if (i === 0) self.getCell(row, INDICATOR_COLS.kriterium).value = `${c.nr}. ${c.rubrik}`;
      self.getCell(row, INDICATOR_COLS.kriterium).alignment = { wrapText: true, vertical: 'top' };
      self.getCell(row, INDICATOR_COLS.nr).value = `${c.nr}.${ind.nr}`;
      self.getCell(row, INDICATOR_COLS.text).value = ind.text;
      self.getCell(row, INDICATOR_COLS.text).alignment = { wrapText: true, vertical: 'top' };
      answerCell(self.getCell(row, INDICATOR_COLS.answer), INDICATOR_CHOICES);
      // One "hur" per criterion: on the criterion's first row.
      if (i === 0) {
        const how = self.getCell(row, INDICATOR_COLS.how);
        answerCell(how);
        how.alignment = { wrapText: true, vertical: 'top' };
      }
      row++;
    });
  }
  await protect(self);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
