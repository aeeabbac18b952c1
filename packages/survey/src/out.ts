import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCell, type Edition, InputError, readCsv } from '@kk/core';
import Mustache from 'mustache';
import { SURVEY_FIELDS } from './layout.ts';
import { type Criterion, type Indicator, questionnaire } from './write.ts';

/**
 * `npm run survey -- out`: one questionnaire per initiative the edition carries (its fact sheets, then the
 * assessed entities without one), written with the mail-merge list and the letters to build/<year>/enkat/.
 * The folder is made aside and renamed into place, so a failed run leaves the previous one as it was.
 * Nothing is sent.
 */

export interface Recipient {
  entity_id: string;
  namn: string;
  kontakt: string;
  epost: string;
  /** Whether the initiative has a fact sheet (else it is an assessed entity without one). */
  factsheet: boolean;
  facts: Record<string, string>;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/**
 * The contact's name: the first line of Kontaktperson with words left once a phone number or an e-mail address
 * and what follows them are cut off (the field is free text: `Clas Engström VD, 0660-751 83,`).
 */
function contactName(kontaktperson: string): string {
  for (const raw of kontaktperson.split('\n')) {
    if (/^\s*(tel|telefon|mobil|e-?post|mail|fax)\b/i.test(raw)) continue;
    const cut = raw.split(/\+?\(?\d[\d\s()–-]{4,}|[A-Za-z0-9._%+-]+@/)[0];
    const name = cut
      .replace(/[\s,;:–-]*\b(tel|telefon|mobil|fax|e-?post)\.?[\s,;:–-]*$/i, '')
      .replace(/[\s,;:–-]+$/, '')
      .replace(/^[\s,;:–-]+/, '');
    if (/\p{L}/u.test(name)) return name;
  }
  return '';
}

/** Who is asked: every fact sheet of the edition, then every assessed entity without one. */
export function recipients(rawDir: string): Recipient[] {
  const csv = (rel: string) => readCsv(join(rawDir, rel), { encoding: 'utf-8' });
  const out: Recipient[] = [];
  const seen = new Set<string>();
  for (const { record: r } of csv('factsheets/factsheets.csv').rows) {
    const facts = Object.fromEntries(SURVEY_FIELDS.map(([k]) => [k, r[k] ?? '']));
    out.push({
      entity_id: r.id,
      namn: r.rubrik,
      kontakt: contactName(r.kontaktperson ?? ''),
      epost: EMAIL.exec(r.kontaktperson ?? '')?.[0] ?? '',
      factsheet: true,
      facts,
    });
    seen.add(r.id);
  }
  const assessed = join(rawDir, 'criteria/initiativ.csv');
  if (existsSync(assessed)) {
    for (const { record: r } of csv('criteria/initiativ.csv').rows) {
      if (seen.has(r.entity_id)) continue;
      seen.add(r.entity_id);
      out.push({
        entity_id: r.entity_id,
        namn: r.namn,
        kontakt: '',
        epost: '',
        factsheet: false,
        facts: { rubrik: r.namn },
      });
    }
  }
  return out;
}

/** The criteria and their sub-indicators, as the edition states them. */
export function criteriaOf(rawDir: string): { criteria: Criterion[]; indicators: Indicator[] } {
  const csv = (rel: string) => readCsv(join(rawDir, rel), { encoding: 'utf-8' }).rows.map((r) => r.record);
  return {
    criteria: csv('criteria/kriterier.csv').map((r) => ({ nr: Number(r.nr), rubrik: r.rubrik })),
    indicators: csv('criteria/indikatorer.csv').map((r) => ({
      kriterium: Number(r.kriterium),
      nr: Number(r.nr),
      text: r.text,
    })),
  };
}

export const SURVEY_DIR = 'enkat';
/** Where the returned workbooks go; its existence says the survey is under way (unanswered = open items). */
export const ANSWERS_DIR = 'enkat/svar';
export const LETTER = 'enkat/brev.mustache';
/** The analyst's decisions on the answers (read by the ingest stage). */
export const DECISIONS_FILE = 'enkat/beslut.csv';
export const DECISIONS_HEADER = ['entity_id', 'falt', 'beslut', 'motivering'] as const;

/** Writes build/<year>/enkat/: one workbook per initiative, utskick.csv and the letters. */
export async function surveyOut(edition: Edition): Promise<{ dir: string; count: number }> {
  const letterPath = join(edition.rawDir, LETTER);
  if (!existsSync(letterPath))
    throw new InputError(
      { file: letterPath },
      'the letter to the initiatives (a mustache template)',
      'no such file',
    );
  const letter = readFileSync(letterPath, 'utf8');
  const who = recipients(edition.rawDir);
  const { criteria, indicators } = criteriaOf(edition.rawDir);
  const target = join(edition.buildDir, SURVEY_DIR);
  const tmp = join(edition.buildDir, `.${SURVEY_DIR}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'brev'), { recursive: true });
  try {
    const rows: string[][] = [];
    for (const r of who) {
      const fil = `${r.entity_id}.xlsx`;
      writeFileSync(
        join(tmp, fil),
        await questionnaire({
          id: r.entity_id,
          year: edition.year,
          namn: r.namn,
          facts: r.facts,
          criteria,
          indicators,
        }),
      );
      const brev = `brev/${r.entity_id}.txt`;
      // The letter is plain text for an e-mail: nothing in it is HTML-escaped.
      writeFileSync(
        join(tmp, brev),
        Mustache.render(
          letter,
          { ...r, ar: edition.year, fil, forra_ar: edition.year - 1 },
          {},
          { escape: (s) => s },
        ),
      );
      rows.push([r.entity_id, r.namn, r.kontakt, r.epost, fil, brev]);
    }
    const header = ['entity_id', 'namn', 'kontakt', 'epost', 'fil', 'brev'];
    writeFileSync(
      join(tmp, 'utskick.csv'),
      `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`,
    );
    // The previous folder is moved aside only once the new one is whole, and removed only once it is in place.
    const old = `${target}.old-${process.pid}`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  // The folder for the answers: from now on every initiative without one is an open item.
  mkdirSync(join(edition.rawDir, ANSWERS_DIR), { recursive: true });
  // The analyst's decisions on the answers, with its header, so that a decision is one line to add.
  const decisions = join(edition.rawDir, DECISIONS_FILE);
  if (!existsSync(decisions)) writeFileSync(decisions, `${DECISIONS_HEADER.join(',')}\n`);
  return { dir: target, count: who.length };
}
