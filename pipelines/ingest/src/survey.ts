import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnOf, displayPath, InputError, readCsv, shown, type Warning, warningAt } from '@kk/core';
import {
  ANSWERS_DIR,
  criteriaOf,
  DECISIONS_FILE,
  DECISIONS_HEADER,
  type Questionnaire,
  readQuestionnaire,
  recipients,
  SURVEY_FIELDS,
} from '@kk/survey';
import type {
  IngestEnkatObesvaradeRow,
  IngestEnkatStatusRow,
  IngestEnkatSvarRow,
  IngestSjalvbedomningRow,
} from '@kk/tables';

/**
 * The returned questionnaires (raw/<year>/enkat/svar/) and the analyst's decisions on them
 * (raw/<year>/enkat/beslut.csv), as rows for the staging tables. Workbooks are untrusted: @kk/survey bounds and
 * checks them before and while reading; here each answer is compared with the fact sheet it answers.
 */

export const BESLUT_FILE = DECISIONS_FILE;
const BESLUT = ['svar', 'förra', 'obesvarad'] as const;

// The rows are the staging tables' own (the output schema's, generated into @kk/tables).
export type SurveyAnswerRow = IngestEnkatSvarRow;
export type SelfAssessmentRow = IngestSjalvbedomningRow;
export type StatusRow = IngestEnkatStatusRow;
export type UnansweredDecisionRow = IngestEnkatObesvaradeRow;

export interface Survey {
  answers: SurveyAnswerRow[];
  self: SelfAssessmentRow[];
  /** Every initiative asked, answered or not (empty before the survey). */
  status: StatusRow[];
  unanswered: UnansweredDecisionRow[];
  /** The values in force, per fact sheet and field: what the fact sheets are read with. */
  overrides: Map<string, Record<string, string>>;
  warnings: Warning[];
}

/** The returned workbooks, in the order they were read: by file name (Swedish-independent, byte order). */
function answerFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && !f.startsWith('~$'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export async function readSurvey(rawDir: string, year: number): Promise<Survey> {
  const empty: Survey = {
    answers: [],
    self: [],
    status: [],
    unanswered: [],
    overrides: new Map(),
    warnings: [],
  };
  const dir = join(rawDir, ANSWERS_DIR);
  const beslutPath = join(rawDir, BESLUT_FILE);
  // The survey is under way once its answers folder exists (npm run survey -- out makes it) or decisions do.
  if (!existsSync(dir) && !existsSync(beslutPath)) return empty;
  const files = answerFiles(dir);
  const asked = recipients(rawDir);
  const facts = new Map(asked.map((r) => [r.entity_id, r.facts]));
  const withSheet = new Set(asked.filter((r) => r.factsheet).map((r) => r.entity_id));
  const { criteria, indicators } = criteriaOf(rawDir);
  const warnings: Warning[] = [];

  // Every workbook is read (a bad one stops the stage at its cell); a second answer for the same initiative
  // replaces the first when its date (Ifyllt datum) is later, or equal and its file name sorts later: a rule
  // that gives the same result on every machine, unlike the files' modification times.
  const kept = new Map<string, { q: Questionnaire; file: string }>();
  for (const name of files) {
    const file = displayPath(join(dir, name));
    if (!/\.xlsx$/i.test(name))
      throw new InputError(
        { file },
        'a returned questionnaire (.xlsx)',
        /\.xls[mb]$/i.test(name) ? 'a macro-enabled workbook (refused: ask for the .xlsx)' : shown(name),
      );
    const q = await readQuestionnaire(readFileSync(join(dir, name)), {
      displayPath: file,
      year,
      ids: new Set(facts.keys()),
      criteria,
      indicators,
    });
    const before = kept.get(q.id);
    if (before) {
      const later = q.datum > before.q.datum || q.datum === before.q.datum;
      const [used, other] = later ? [file, before.file] : [before.file, file];
      warnings.push(
        warningAt(
          { file: used },
          `a second answer for ${q.id} (also ${other}): the later is used (by Ifyllt datum, then by file name)`,
        ),
      );
      if (!later) continue;
    }
    kept.set(q.id, { q, file });
  }

  const decisions = readDecisions(beslutPath, facts);
  const answers: SurveyAnswerRow[] = [];
  const self: SelfAssessmentRow[] = [];
  const status: StatusRow[] = [];
  const overrides = new Map<string, Record<string, string>>();
  const changed = new Set<string>();
  for (const id of [...kept.keys()].sort()) {
    const { q } = kept.get(id) as { q: Questionnaire };
    const last = facts.get(id) ?? {};
    for (const a of q.facts) {
      // Compared as the answers are read (NFC, trimmed), so a value retyped as it was is a confirmation.
      const forra = (last[a.falt] ?? '').normalize('NFC').trim();
      const status =
        a.stammer === 'ja' || (a.stammer === 'nej' && a.svar === forra)
          ? 'bekräftad'
          : a.stammer === 'nej'
            ? 'ändrad'
            : 'obesvarad';
      const d = decisions.fields.get(`${id}\t${a.falt}`);
      const beslut = status === 'ändrad' ? (d?.beslut ?? 'svar') : '';
      if (status === 'ändrad') changed.add(`${id}\t${a.falt}`);
      if (status === 'ändrad' && beslut === 'svar' && withSheet.has(id)) {
        const o = overrides.get(id) ?? {};
        o[a.falt] = a.svar;
        // A new name is the fact sheet's heading and its name in the overview table.
        if (a.falt === 'rubrik') o.tabellnamn = a.svar;
        overrides.set(id, o);
      }
      answers.push({
        entity_id: id,
        falt: a.falt,
        forra,
        svar: status === 'bekräftad' ? forra : a.svar,
        status,
        beslut,
        motivering: status === 'ändrad' ? (d?.motivering ?? '') : '',
        kalla: a.kalla,
      });
    }
    const hur = new Map(q.hows.map((h) => [h.kriterium, h.hur]));
    for (const i of q.indicators)
      self.push({
        entity_id: id,
        kriterium: i.kriterium,
        indikator: i.indikator,
        svar: i.svar,
        hur: hur.get(i.kriterium) ?? '',
        kalla: i.kalla,
      });
  }
  // Every initiative asked, answered or not (the denominator of chapter 6).
  for (const r of [...asked].sort((a, b) =>
    a.entity_id < b.entity_id ? -1 : a.entity_id > b.entity_id ? 1 : 0,
  )) {
    const id = r.entity_id;
    const k = kept.get(id);
    status.push({
      entity_id: id,
      namn: r.namn,
      kontakt: r.kontakt,
      epost: r.epost,
      besvarad: k !== undefined,
      fil: k?.file ?? '',
      datum: k?.q.datum ?? '',
      fullstandig: k ? k.q.facts.every((a) => a.stammer !== '') : false,
    });
  }
  // A decision about a change no answer made is a slip (a field name, an id): said at its line.
  for (const [key, d] of decisions.fields)
    if (!changed.has(key))
      throw new InputError(
        d.at,
        'a decision on a field a returned questionnaire changed',
        `${shown(key.replace('\t', ' '))}, which no answer changes`,
      );
  const unanswered = [...decisions.unanswered.values()].filter((u) => !kept.has(u.entity_id));
  return { answers, self, status, unanswered, overrides, warnings };
}

interface Decision {
  beslut: string;
  motivering: string;
  at: { file: string; line: number; column: number };
}

/**
 * enkat/beslut.csv: entity_id, falt, beslut, motivering. `förra` keeps last year's value of a changed field,
 * `svar` accepts the answer (what happens without a line), `obesvarad` (no field) closes the open item of an
 * initiative that did not answer.
 */
function readDecisions(path: string, facts: Map<string, Record<string, string>>) {
  const fields = new Map<string, Decision>();
  const unanswered = new Map<string, UnansweredDecisionRow>();
  if (!existsSync(path)) return { fields, unanswered };
  const file = displayPath(path);
  const table = readCsv(path, { encoding: 'utf-8', displayPath: file });
  for (const col of DECISIONS_HEADER)
    if (!table.header.includes(col))
      throw new InputError(
        { file, line: table.headerLine, column: 1 },
        `a column ${col}`,
        `the columns ${table.header.join(', ')}`,
      );
  const keys = new Set(SURVEY_FIELDS.map(([k]) => k));
  for (const row of table.rows) {
    const r = row.record;
    const at = (col: string) => ({ file, line: row.line, column: columnOf(table, row, col) });
    if (!facts.has(r.entity_id))
      throw new InputError(at('entity_id'), 'the id of an initiative of the edition', shown(r.entity_id));
    if (!(BESLUT as readonly string[]).includes(r.beslut))
      throw new InputError(at('beslut'), BESLUT.join(', '), shown(r.beslut));
    if (r.beslut === 'obesvarad') {
      if (r.falt) throw new InputError(at('falt'), 'no field for obesvarad', shown(r.falt));
      unanswered.set(r.entity_id, {
        entity_id: r.entity_id,
        motivering: r.motivering,
        kalla: `${file}:${row.line}`,
      });
      continue;
    }
    if (!keys.has(r.falt))
      throw new InputError(
        at('falt'),
        `a field of the questionnaire (${[...keys].join(', ')})`,
        shown(r.falt),
      );
    const key = `${r.entity_id}\t${r.falt}`;
    if (fields.has(key))
      throw new InputError(
        at('falt'),
        'one decision per initiative and field',
        `a second one for ${shown(key.replace('\t', ' '))}`,
      );
    fields.set(key, { beslut: r.beslut, motivering: r.motivering, at: at('falt') });
  }
  return { fields, unanswered };
}
