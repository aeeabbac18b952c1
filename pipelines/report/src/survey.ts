import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownProfile } from '@kk/survey/profile';
import { fill } from './fill.ts';
import { TEMPLATES } from './html.ts';
import type { ReportInputs } from './inputs.ts';
import { esc } from './svg.ts';

/**
 * The self-assessment (självbedömning) beside the analyst's: each initiative's own profile for its radar, and
 * chapter 6's measured caution — how many answered, on how many sub-indicators the two agree and how often the
 * initiative is the more generous. The words are templates/enkat.json; here only the figures.
 */

export const SURVEY_TEXTS = JSON.parse(readFileSync(join(TEMPLATES, 'enkat.json'), 'utf8')) as Record<
  string,
  string
>;

/** The initiative's own profile (@kk/survey/profile), or nothing when it did not answer the sub-indicators. */
export function selfProfile(inputs: ReportInputs, entity: string): (number | null)[] | undefined {
  const mine = inputs.self.filter((s) => s.entity_id === entity);
  return mine.length ? ownProfile(inputs.criteria, inputs.indicators, mine) : undefined;
}

export interface Agreement {
  besvarade: number;
  tillfragade: number;
  /** Initiatives that answered the sub-indicators. */
  sjalv: number;
  jamforda: number;
  lika: number;
  generosare: number;
  strangare: number;
  vet_ej: number;
}

/** The comparison, over every answered ja/nej on a sub-indicator the analyst assessed for that entity. */
export function agreement(inputs: ReportInputs): Agreement {
  const a: Agreement = {
    besvarade: inputs.surveyAnswered,
    tillfragade: inputs.surveyAsked,
    sjalv: new Set(inputs.self.map((s) => s.entity_id)).size,
    jamforda: 0,
    lika: 0,
    generosare: 0,
    strangare: 0,
    vet_ej: 0,
  };
  const judged = new Map(inputs.analystIndicators.map((j) => [`${j.entity_id}\t${j.kriterium}`, j]));
  for (const s of inputs.self) {
    if (s.svar === 'vet ej') {
      a.vet_ej++;
      continue;
    }
    const j = judged.get(`${s.entity_id}\t${s.kriterium}`);
    if (!j?.bedomda.includes(s.indikator)) continue;
    const analyst = j.uppfyllda.includes(s.indikator);
    const own = s.svar === 'ja';
    a.jamforda++;
    if (own === analyst) a.lika++;
    else if (own) a.generosare++;
    else a.strangare++;
  }
  return a;
}

/** Chapter 6's sentences (continuing its paragraph on self-assessment); empty when nobody answered. */
export function chapter6Html(inputs: ReportInputs): string {
  if (inputs.surveyAnswered === 0) return '';
  const a = agreement(inputs);
  const values = { ...a, ar: inputs.edition.ar };
  // Three cases: answers to compare; sub-indicators answered but none the analyst assessed (or all vet ej);
  // none answered at all (found in review: the last sentence must not be said of the second).
  const text = a.jamforda
    ? SURVEY_TEXTS.kapitel6
    : a.sjalv
      ? SURVEY_TEXTS.kapitel6_ej_jamforbar
      : SURVEY_TEXTS.kapitel6_ingen_jamforelse;
  // Chapter 6's paragraph is HTML: the figures are escaped as they go in.
  return fill(text, values, esc);
}
