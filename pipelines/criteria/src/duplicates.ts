import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duck, decisionLine, fillSql, lit, readCsv } from '@kk/core';

/**
 * The review loop, guided: for an entity nobody has assessed, the entities it may be a duplicate of, with the
 * evidence and the exact line to add to raw/<year>/dedupe/beslut.csv. Two sources: dedupe's review.csv (the
 * pairs the model was unsure of) and shared contact data (web host, e-mail, phone, contact person) with an
 * entity already assessed (sql/dubbletter.sql). It only points; the analyst decides.
 */
export interface MojligDubblett {
  entity_id: string;
  dubblett: string;
  belagg: string;
  /** The line for dedupe/beslut.csv that joins the two. */
  rad: string;
}

const SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql', 'dubbletter.sql');

export async function likelyDuplicates(
  duck: Duck,
  unassessed: string[],
  dedupeDir: string,
): Promise<Map<string, MojligDubblett[]>> {
  const out = new Map<string, MojligDubblett[]>();
  if (unassessed.length === 0) return out;
  const add = (d: MojligDubblett) => {
    const list = out.get(d.entity_id) ?? [];
    if (!list.some((x) => x.dubblett === d.dubblett)) list.push(d);
    out.set(d.entity_id, list);
  };
  const open = new Set(unassessed);
  const review = join(dedupeDir, 'review.csv');
  if (existsSync(review)) {
    for (const { record: r } of readCsv(review, { encoding: 'utf-8' }).rows) {
      const [mine, other] = open.has(r.entity_a) ? ['a', 'b'] : open.has(r.entity_b) ? ['b', 'a'] : [];
      if (!mine || !other) continue;
      const belagg = `granskningspar i review.csv, sannolikhet ${r.sannolikhet} (${r.skal})`;
      add({
        entity_id: r[`entity_${mine}`],
        dubblett: r[`entity_${other}`],
        belagg,
        rad: decisionLine(r, 'samma', `samma initiativ: ${belagg}`),
      });
    }
  }
  const ids = unassessed.map(lit).join(', ');
  const rows = await duck.rows<{
    entity_id: string;
    dubblett: string;
    belagg: string;
    rader: { fil_a: string; namn_a: string; fil_b: string; namn_b: string };
  }>(fillSql(readFileSync(SQL, 'utf8'), { unassessed: ids }));
  for (const r of rows) {
    const belagg = `delar ${r.belagg}`;
    add({
      entity_id: r.entity_id,
      dubblett: r.dubblett,
      belagg,
      rad: decisionLine(r.rader, 'samma', `samma initiativ: ${belagg}`),
    });
  }
  return out;
}

/** The three columns added at the end of att-bedöma.csv. */
export function duplicateColumns(list: MojligDubblett[] | undefined): {
  mojlig_dubblett: string;
  belagg_dubblett: string;
  rad_for_beslut: string;
} {
  const l = list ?? [];
  return {
    mojlig_dubblett: l.map((d) => d.dubblett).join('; '),
    belagg_dubblett: l.map((d) => `${d.dubblett}: ${d.belagg}`).join(' | '),
    rad_for_beslut: l.map((d) => d.rad).join('\n'),
  };
}
