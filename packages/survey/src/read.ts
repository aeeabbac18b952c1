import { cellValueText, columnLetters, InputError, type Location, newWorkbook, shown } from '@kk/core';
import { FACT_FIELD_LIMIT, NAME_LIMIT } from '@kk/fields';
import type ExcelJS from 'exceljs';
import {
  CONFIRM_CHOICES,
  DATE_CELL,
  FACT_COLS,
  FACT_HEADER_ROW,
  ID_CELL,
  INDICATOR_CHOICES,
  INDICATOR_COLS,
  INDICATOR_HEADER_ROW,
  LIMITS,
  SHEETS,
  SURVEY_FIELDS,
  YEAR_CELL,
} from './layout.ts';
import type { Criterion, Indicator } from './write.ts';
import { checkWorkbookBytes, rebuiltArchive } from './zip.ts';

export interface FactAnswer {
  falt: string;
  /** ja, nej or empty (not answered). */
  stammer: string;
  /** The new value when stammer is nej. */
  svar: string;
  /** The answer's cell, `file.xlsx!Uppgifter!C9`. */
  kalla: string;
}
export interface IndicatorAnswer {
  kriterium: number;
  indikator: number;
  svar: string;
  kalla: string;
}
export interface HowAnswer {
  kriterium: number;
  hur: string;
  kalla: string;
}
export interface Questionnaire {
  id: string;
  year: number;
  /** The date the respondent wrote (ÅÅÅÅ-MM-DD), or empty. */
  datum: string;
  facts: FactAnswer[];
  indicators: IndicatorAnswer[];
  hows: HowAnswer[];
}

export interface ReadOptions {
  /** The file as messages show it (enkat/svar/x.xlsx, relative to where the user stands). */
  displayPath: string;
  year: number;
  /** The ids the edition carries: an answer for another id is an error at the id's cell. */
  ids: ReadonlySet<string>;
  criteria: Criterion[];
  indicators: Indicator[];
}

/**
 * A cell's text. Formulas are never evaluated, and a formula's cached result is not trusted either: a formula
 * cell is refused at its place (the questionnaire asks for typed answers). Text is returned as written.
 */
function text(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  at: (r: number, c: number) => Location,
): string {
  let s = cellValueText(ws.getCell(row, col).value, () => at(row, col), 'refuse');
  s = s.normalize('NFC').trim();
  if (s.length > FACT_FIELD_LIMIT)
    throw new InputError(
      at(row, col),
      `an answer of at most ${FACT_FIELD_LIMIT} characters`,
      `${s.length} characters`,
    );
  return s;
}

function choice(value: string, choices: readonly string[], loc: Location): string {
  const v = value.toLowerCase();
  if (v === '' || choices.includes(v)) return v;
  throw new InputError(loc, `one of ${choices.join(' / ')} (or nothing)`, shown(value));
}

/** Reads one returned questionnaire: bounded, checked cell by cell, every problem located at its cell. */
export async function readQuestionnaire(bytes: Buffer, o: ReadOptions): Promise<Questionnaire> {
  const file = o.displayPath;
  // exceljs reads only an archive made here of the parts that were checked, never the file as it came.
  const checked = await rebuiltArchive(checkWorkbookBytes(bytes, file));
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(checked as unknown as ArrayBuffer);
  } catch (err) {
    throw new InputError(
      { file },
      'an Excel workbook (.xlsx)',
      `a file Excel's format does not read (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const names = wb.worksheets.map((w) => w.name.normalize('NFC'));
  const sheet = (name: string) => {
    const ws = wb.worksheets.find((w) => w.name.normalize('NFC') === name);
    if (!ws)
      throw new InputError(
        { file: `${file}!${name}` },
        `the sheet ${name} of the questionnaire`,
        `the sheets ${names.map((n) => shown(n)).join(', ')}`,
      );
    if (ws.rowCount > LIMITS.rows)
      throw new InputError(
        { file: `${file}!${name}` },
        `a sheet of at most ${LIMITS.rows} rows`,
        `${ws.rowCount} rows`,
      );
    const at = (line: number, column: number): Location => ({ file: `${file}!${ws.name}`, line, column });
    return { ws, at, get: (r: number, c: number) => text(ws, r, c, at) };
  };

  const facts = sheet(SHEETS.uppgifter);
  const id = facts.get(ID_CELL.row, ID_CELL.col);
  if (!o.ids.has(id))
    throw new InputError(
      facts.at(ID_CELL.row, ID_CELL.col),
      `the id of an initiative of the edition ${o.year}`,
      shown(id),
    );
  const yearText = facts.get(YEAR_CELL.row, YEAR_CELL.col);
  if (yearText !== String(o.year))
    throw new InputError(facts.at(YEAR_CELL.row, YEAR_CELL.col), `the year ${o.year}`, shown(yearText));
  const datum = facts.get(DATE_CELL.row, DATE_CELL.col);
  if (datum && !/^\d{4}-\d{2}-\d{2}$/.test(datum))
    throw new InputError(
      facts.at(DATE_CELL.row, DATE_CELL.col),
      'a date ÅÅÅÅ-MM-DD (or nothing)',
      shown(datum),
    );

  const factAnswers: FactAnswer[] = [];
  SURVEY_FIELDS.forEach(([key, label], i) => {
    const row = FACT_HEADER_ROW + 1 + i;
    const shownLabel = facts.get(row, FACT_COLS.label);
    if (shownLabel !== label)
      throw new InputError(facts.at(row, FACT_COLS.label), `the field ${shown(label)}`, shown(shownLabel));
    const stammer = choice(
      facts.get(row, FACT_COLS.confirm),
      CONFIRM_CHOICES,
      facts.at(row, FACT_COLS.confirm),
    );
    const svar = facts.get(row, FACT_COLS.answer);
    // A nej without the right value would empty the field: asked, not guessed (found in review).
    if (stammer === 'nej' && svar === '')
      throw new InputError(
        facts.at(row, FACT_COLS.answer),
        `the right ${key === 'rubrik' ? 'name' : 'value'} when Stämmer uppgiften? is nej`,
        'nothing',
      );
    // A new name is the fact sheet's heading and table name: held to the names' bound, at its cell.
    if (key === 'rubrik' && svar.length > NAME_LIMIT)
      throw new InputError(
        facts.at(row, FACT_COLS.answer),
        `a name of at most ${NAME_LIMIT} characters`,
        `${svar.length} characters`,
      );
    // A ja beside other text is a contradiction (a comment, or a value meant with nej): asked, not taken.
    if (stammer === 'ja' && svar !== '' && svar !== facts.get(row, FACT_COLS.last))
      throw new InputError(
        facts.at(row, FACT_COLS.answer),
        'nothing when Stämmer uppgiften? is ja (or nej and the right value)',
        shown(svar),
      );
    // A new value written without "nej" is still a new value: the respondent said it by writing it.
    const said = svar !== '' ? 'nej' : stammer;
    const loc = facts.at(row, said === 'nej' ? FACT_COLS.answer : FACT_COLS.confirm);
    factAnswers.push({
      falt: key,
      stammer: said,
      svar,
      kalla: `${loc.file}!${columnLetters(loc.column ?? 1)}${loc.line}`,
    });
  });

  const self = sheet(SHEETS.sjalv);
  const indicatorAnswers: IndicatorAnswer[] = [];
  const hows: HowAnswer[] = [];
  let row = INDICATOR_HEADER_ROW + 1;
  for (const c of o.criteria) {
    const inds = o.indicators.filter((x) => x.kriterium === c.nr).sort((a, b) => a.nr - b.nr);
    inds.forEach((ind, i) => {
      const nr = self.get(row, INDICATOR_COLS.nr);
      if (nr !== `${c.nr}.${ind.nr}`)
        throw new InputError(
          self.at(row, INDICATOR_COLS.nr),
          `the sub-indicator ${c.nr}.${ind.nr}`,
          shown(nr),
        );
      const svar = choice(
        self.get(row, INDICATOR_COLS.answer),
        INDICATOR_CHOICES,
        self.at(row, INDICATOR_COLS.answer),
      );
      if (svar)
        indicatorAnswers.push({
          kriterium: c.nr,
          indikator: ind.nr,
          svar,
          kalla: `${file}!${self.ws.name}!${columnLetters(INDICATOR_COLS.answer)}${row}`,
        });
      if (i === 0) {
        const hur = self.get(row, INDICATOR_COLS.how);
        if (hur)
          hows.push({
            kriterium: c.nr,
            hur,
            kalla: `${file}!${self.ws.name}!${columnLetters(INDICATOR_COLS.how)}${row}`,
          });
      }
      row++;
    });
  }
  return { id, year: o.year, datum, facts: factAnswers, indicators: indicatorAnswers, hows };
}
