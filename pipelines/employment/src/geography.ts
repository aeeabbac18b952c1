import { existsSync } from 'node:fs';
import { columnOf, displayPath, InputError, readTable, shown, type Warning, warningAt } from '@kk/core';
import {
  applyOverride,
  describeUnknown,
  type GeoReference,
  type GeoResolution,
  type GeoSource,
  geoIndex,
  resolveGeography,
} from '@kk/geography';
import { z } from 'zod';

/** The fact-sheet fields geography needs (stage-1 `factsheets`). */
export interface FactGeo {
  id: string;
  lista: number;
  ordning: number;
  geografiskt_omrade: string;
  tabell_geografi: string;
  source_line: number;
}

/** A county choice for a vague text, from raw/<year>/geography/lan-val.csv. */
export interface OverrideRow {
  id: string;
  lan_koder: string[];
  anmarkning: string;
  proveniens: string;
  line: number;
  column: (c: string) => number;
}

export interface LanRow {
  factsheet_id: string;
  lista: number;
  ordning: number;
  lan_kod: string;
  lan_namn: string;
  /** How the county was assigned: named (`text`), through a kommun, through the gazetteer, or by override. */
  kalla: GeoSource | 'override';
  /** The names in the text that reach this county, as written. */
  via: string;
  anmarkning: string;
  proveniens: 'report' | 'reconstructed';
}

export interface ForeignRow {
  factsheet_id: string;
  lista: number;
  ordning: number;
  namn: string;
  land: string;
  via: string;
}

const codes = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().regex(/^\d{2}(;\d{2})*$/, 'county codes such as 17;18'));
const overrideSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a fact-sheet id'),
  lan_koder: codes,
  anmarkning: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(20, 'a note saying what in the fact sheet supports the choice')),
  proveniens: z.enum(['report', 'reconstructed'], { message: 'report or reconstructed' }),
});

/** Reads the county overrides; a missing file means none. */
export function readOverrides(path: string): {
  overrides: Map<string, OverrideRow>;
  file: string;
  warnings: Warning[];
} {
  const file = displayPath(path);
  const overrides = new Map<string, OverrideRow>();
  if (!existsSync(path)) return { overrides, file, warnings: [] };
  const cols = Object.keys(overrideSchema.shape);
  const { table, rows, warnings } = readTable(path, overrideSchema, {
    displayPath: file,
    encoding: 'utf-8',
    required: cols,
    known: cols,
  });
  for (const { value, line, raw } of rows) {
    const column = (c: string) => columnOf(table, raw, c);
    if (overrides.has(value.id)) {
      throw new InputError(
        { file, line, column: column('id') },
        'one override per fact sheet',
        shown(value.id),
      );
    }
    overrides.set(value.id, { ...value, lan_koder: value.lan_koder.split(';'), line, column });
  }
  return { overrides, file, warnings };
}

const STRENGTH: Record<GeoSource, number> = { text: 0, kommun: 1, gazetteer: 2 };

function rowsFromHits(f: FactGeo, res: GeoResolution, lanNamn: Map<string, string>, note: string): LanRow[] {
  return res.lan.map((lan_kod) => {
    const hits = res.hits.filter((h) => h.lan_kod === lan_kod);
    const best = hits.reduce((a, b) => (STRENGTH[b.source] < STRENGTH[a.source] ? b : a));
    return {
      factsheet_id: f.id,
      lista: f.lista,
      ordning: f.ordning,
      lan_kod,
      lan_namn: lanNamn.get(lan_kod) ?? lan_kod,
      kalla: best.source,
      via: [...new Set(hits.map((h) => h.name))].join(', '),
      anmarkning: note,
      // The gazetteer is reconstructed from general knowledge; county and kommun names are the report's.
      proveniens: best.source === 'gazetteer' ? 'reconstructed' : 'report',
    };
  });
}

/**
 * Assigns every fact sheet its counties and foreign places. Unknown names are an error at the fact sheet,
 * with close matches; an override must name a fact sheet and only narrow the text's vague regions.
 */
export function assignGeography(
  facts: FactGeo[],
  ref: GeoReference,
  overrides: Map<string, OverrideRow>,
  files: { factsheets: string; overrides: string },
): { lan: LanRow[]; foreign: ForeignRow[]; warnings: Warning[] } {
  const index = geoIndex(ref);
  const lanNamn = new Map(ref.lan.map((l) => [l.lan_kod, l.lan_namn]));
  const lan: LanRow[] = [];
  const foreign: ForeignRow[] = [];
  const warnings: Warning[] = [];
  const ids = new Set(facts.map((f) => f.id));
  for (const [id, ov] of overrides) {
    if (!ids.has(id)) {
      throw new InputError(
        { file: files.overrides, line: ov.line, column: ov.column('id') },
        'a fact-sheet id',
        shown(id),
      );
    }
    const bad = ov.lan_koder.find((c) => !lanNamn.has(c));
    if (bad) {
      throw new InputError(
        { file: files.overrides, line: ov.line, column: ov.column('lan_koder') },
        'county codes from reference/lan.csv',
        shown(bad),
      );
    }
  }
  for (const f of facts) {
    const at = { file: files.factsheets, line: f.source_line };
    const res = resolveGeography(f.geografiskt_omrade, index);
    if (res.unknown.length) {
      throw new InputError(
        at,
        `county, kommun or gazetteer names in Geografiskt område of ${f.id} (${shown(f.geografiskt_omrade)})`,
        describeUnknown(res.unknown, index),
      );
    }
    if (res.lan.length === 0 && res.foreign.length === 0) {
      warnings.push(warningAt(at, `${f.id}: Geografiskt område names no place, so no county`));
    }
    const table = resolveGeography(f.tabell_geografi, index);
    if (f.tabell_geografi && table.lan.join(';') !== res.lan.join(';')) {
      warnings.push(
        warningAt(
          at,
          `${f.id}: the overview table's area (${table.lan.join(';')}) differs from the fact table's (${res.lan.join(';')})`,
        ),
      );
    }
    const ignored = res.ignored.map((p) => `”${p}” är ingen plats`).join('; ');
    const ov = overrides.get(f.id);
    if (ov) {
      const applied = applyOverride(res, { lan_koder: ov.lan_koder, anmarkning: ov.anmarkning });
      if (!applied.ok) {
        throw new InputError(
          { file: files.overrides, line: ov.line, column: ov.column('lan_koder') },
          `an override that only narrows the regions of ${f.id}'s text ${shown(f.geografiskt_omrade)}`,
          applied.problem,
        );
      }
      for (const lan_kod of applied.lan) {
        lan.push({
          factsheet_id: f.id,
          lista: f.lista,
          ordning: f.ordning,
          lan_kod,
          lan_namn: lanNamn.get(lan_kod) ?? lan_kod,
          kalla: 'override',
          via: [...new Set(res.hits.filter((h) => h.lan_kod === lan_kod).map((h) => h.name))].join(', '),
          anmarkning: ov.anmarkning,
          proveniens: ov.proveniens as LanRow['proveniens'],
        });
      }
    } else {
      lan.push(...rowsFromHits(f, res, lanNamn, ignored));
    }
    for (const p of res.foreign) {
      foreign.push({
        factsheet_id: f.id,
        lista: f.lista,
        ordning: f.ordning,
        namn: p.name,
        land: p.land,
        via: p.written,
      });
    }
  }
  return { lan, foreign, warnings };
}
