import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, InputError, lit } from '@kk/core';
import { z } from 'zod';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MODEL_PATH = join(PACKAGE_DIR, 'config', 'model.json');
/** The matching's SQL (normalise, block, score, near). */
export const SQL_DIR = join(PACKAGE_DIR, 'sql');

const probability = z.number().gt(0).lt(1);
const level = z.object({ m: probability, u: probability, doc: z.string().min(1) });

/** The features in the order the evidence is shown; each has its own levels. */
export const FEATURES = ['namn', 'webb', 'telefon', 'postnummer', 'kontakt'] as const;
export type Feature = (typeof FEATURES)[number];

export const LEVELS: Record<Feature, string[]> = {
  namn: ['exakt', 'nastan', 'akronym', 'delmangd', 'likt', 'olika'],
  webb: ['samma', 'toppdoman', 'paraply', 'olika'],
  telefon: ['samma', 'olika'],
  postnummer: ['samma', 'olika'],
  kontakt: ['epost', 'samma', 'olika'],
};

const featureSchema = (name: Feature) =>
  z.object({
    doc: z.string().min(1),
    levels: z
      .record(z.string(), level)
      .refine(
        (l) => LEVELS[name].every((k) => k in l) && Object.keys(l).every((k) => LEVELS[name].includes(k)),
        {
          message: `exactly the levels ${LEVELS[name].join(', ')}`,
        },
      ),
  });

const schema = z
  .object({
    doc: z.string(),
    prior: z.object({ match_probability: probability, doc: z.string() }),
    thresholds: z.object({
      match: probability,
      review: probability,
      veto_bits: z.number().lt(0),
      doc: z.string(),
    }),
    estimation: z.object({
      random_pairs_max: z.number().int().min(100),
      seed: z.number().int().min(0),
      pseudo_pairs: z.number().gt(0),
      max_iterations: z.number().int().min(1),
      tolerance: z.number().gt(0),
      doc: z.string(),
    }),
    blocking: z.object({
      window: z.number().int().min(1).max(50),
      name_similarity: z.number().min(0).max(1),
      component_pairs_max: z.number().int().min(2),
      doc: z.string(),
    }),
    normalisation: z.object({
      filler_words: z.array(z.string().regex(/^[a-z0-9]+$/, 'folded lower-case words')),
      generic_words: z.array(z.string().regex(/^[a-z0-9]+$/, 'folded lower-case words')),
      umbrella_hosts: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a host name')),
      doc: z.string(),
    }),
    features: z.object({
      namn: featureSchema('namn'),
      webb: featureSchema('webb'),
      telefon: featureSchema('telefon'),
      postnummer: featureSchema('postnummer'),
      kontakt: featureSchema('kontakt'),
    }),
  })
  .refine((m) => m.thresholds.review < m.thresholds.match, {
    message: 'thresholds review < match',
    path: ['thresholds'],
  });

export type Model = z.infer<typeof schema>;

/** Reads and checks the model; a bad value is an InputError naming the JSON path. */
export function loadModel(path = MODEL_PATH): Model {
  const file = displayPath(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError({ file }, 'a JSON model', (err as Error).message);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new InputError({ file }, `${issue.path.join('.')}: ${issue.message}`, 'another value');
  }
  return r.data;
}

export const bits = (p: number) => Math.log2(p / (1 - p));

/** Weight in bits of one level of one feature; missing values weigh nothing. */
export function levelWeight(model: Model, feature: Feature, lvl: string): number {
  const l = model.features[feature].levels[lvl];
  return l ? Math.log2(l.m / l.u) : 0;
}

/** A SQL expression for the weight of a feature given the SQL column holding its level. */
export function weightSql(model: Model, feature: Feature, column: string): string {
  const cases = LEVELS[feature].map(
    (l) => `WHEN ${lit(l)} THEN ${levelWeight(model, feature, l).toFixed(6)}`,
  );
  return `(CASE ${column} ${cases.join(' ')} ELSE 0.0 END)`;
}

/** A SQL list literal of strings. */
export function listSql(values: readonly string[]): string {
  return `[${values.map(lit).join(', ')}]::VARCHAR[]`;
}

/** The next `window` records in a window's order, as a SQL list (lead() is far cheaper than a framed list()). */
function neighbours(window: number, one: (i: number) => string): string {
  return `[${Array.from({ length: window }, (_, i) => one(i + 1)).join(', ')}]`;
}

/** Everything the SQL files need from the model, as SQL fragments for Duck.runFile. */
export function modelSqlParams(model: Model): Record<string, string> {
  return {
    prior_bits: bits(model.prior.match_probability).toFixed(6),
    w_namn: weightSql(model, 'namn', 'namn_niva'),
    w_webb: weightSql(model, 'webb', 'webb_niva'),
    w_telefon: weightSql(model, 'telefon', 'telefon_niva'),
    w_postnummer: weightSql(model, 'postnummer', 'postnummer_niva'),
    w_kontakt: weightSql(model, 'kontakt', 'kontakt_niva'),
    fillers: listSql(model.normalisation.filler_words),
    generic_words: listSql(model.normalisation.generic_words),
    umbrella_re: lit(
      `(?s)(?:.*\\.)?(?:${model.normalisation.umbrella_hosts.map((h) => h.replaceAll('.', '\\.')).join('|')})`,
    ),
    window: String(model.blocking.window),
    fuzzy_neighbours: neighbours(
      model.blocking.window,
      (i) => `struct_pack(b := lead(rid, ${i}) OVER s, kb := lead(k, ${i}) OVER s)`,
    ),
    exact_neighbours: neighbours(
      model.blocking.window,
      (i) => `struct_pack(b := lead(rid, ${i}) OVER s, acr_b := lead(acr, ${i}) OVER s)`,
    ),
    name_similarity: String(model.blocking.name_similarity),
  };
}
