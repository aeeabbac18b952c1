import { join } from 'node:path';
import { type Duck, loadRows } from '@kk/core';
import { SQL } from './sql-dir.ts';

const FOLD: Record<string, string> = {
  å: 'a',
  ä: 'a',
  á: 'a',
  à: 'a',
  ö: 'o',
  ø: 'o',
  ó: 'o',
  æ: 'ae',
  é: 'e',
  è: 'e',
  ü: 'u',
  ß: 'ss',
};

/** ASCII slug of a name: å/ä→a, ö/ø→o, æ→ae, lower case, anything else than a-z and 0-9 → one '-'. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[åäáàöøóæéèüß]/g, (c) => FOLD[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface EntityCandidate {
  cluster: number;
  /** The fact sheet in the entity, if any: its id is the entity's id. */
  factsheetId: string | null;
  /** The fact sheet's heading, or the name the lists use most (see sql/entities.sql). */
  name: string;
  /** The entity's most common web domain without its top-level part, to tell two same-named entities apart. */
  domain: string | null;
  /** All names seen, sorted: the last resort to order same-named entities. */
  names: string[];
}

/**
 * Entity ids that follow the initiative, not the rows: a fact sheet's id, else the slug of the preferred name.
 * When slugs collide (or take a fact sheet's id), the entity adds its web domain, then a number, in an order
 * fixed by domain and names, so the same data gives the same ids whatever the row order.
 */
export function assignEntityIds(entities: EntityCandidate[]): Map<number, string> {
  const ids = new Map<number, string>();
  const taken = new Set<string>();
  for (const e of entities) {
    if (e.factsheetId) {
      ids.set(e.cluster, e.factsheetId);
      taken.add(e.factsheetId);
    }
  }
  const bySlug = new Map<string, EntityCandidate[]>();
  for (const e of entities) {
    if (e.factsheetId) continue;
    const slug = slugify(e.name) || 'namnlos';
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), e]);
  }
  const key = (e: EntityCandidate) => `${e.domain ?? '\uffff'}\u0000${e.names.join('\u0001')}`;
  for (const slug of [...bySlug.keys()].sort()) {
    const group = (bySlug.get(slug) ?? []).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const unique = group.length === 1 && !taken.has(slug);
    for (const e of group) {
      let id = slug;
      if (!unique) {
        const domain = e.domain ? slugify(e.domain) : '';
        id = domain && !taken.has(`${slug}-${domain}`) ? `${slug}-${domain}` : slug;
        for (let k = 2; taken.has(id); k++) id = `${slug}-${k}`;
      }
      taken.add(id);
      ids.set(e.cluster, id);
    }
  }
  return ids;
}

/** Builds dd_entities (cluster, entity_id, entity_namn, faktablad_id) from dd_cluster, dd_records and dd_input. */
export async function buildEntities(duck: Duck, tmpFile: string): Promise<void> {
  await duck.runFile(join(SQL, 'entities.sql'));
  const rows = await duck.rowsOfFile<{
    cluster: number;
    faktablad_id: string | null;
    namn: string;
    doman: string | null;
    namn_alla: string[];
  }>(join(SQL, 'entity-names.sql'));
  const ids = assignEntityIds(
    rows.map((r) => ({
      cluster: r.cluster,
      factsheetId: r.faktablad_id,
      name: r.namn,
      domain: r.doman,
      names: r.namn_alla,
    })),
  );
  await loadRows(
    duck,
    'dd_entity_ids',
    { cluster: 'INTEGER', entity_id: 'VARCHAR' },
    rows.map((r) => ({ cluster: r.cluster, entity_id: ids.get(r.cluster) })),
    tmpFile,
  );
  await duck.runFile(join(SQL, 'entity-ids.sql'));
}
