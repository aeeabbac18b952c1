import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  allStageSpecs,
  displayPath,
  type Edition,
  groupOpenItems,
  locationOf,
  type Manifest,
  OPEN_KIND_TITLES,
  openItems,
  outputDigest,
  previousDigests,
  rawInputHashes,
  readManifest,
  resolveEdition,
  stageCodeHash,
  treeHashes,
} from '@kk/core';

export interface StageStatus {
  stage: string;
  current: boolean;
  reasons: string[];
}

function diffKeys(before: Record<string, string>, now: Record<string, string>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(now).sort()) {
    if (!(k in before)) out.push(`${k} is new`);
    else if (before[k] !== now[k]) out.push(`${k} changed`);
  }
  for (const k of Object.keys(before).sort()) if (!(k in now)) out.push(`${k} was removed`);
  return out;
}

/** Whether each stage's output is current for the edition, and if not, why (inputs, upstream, code, outputs). */
export function stageStatuses(edition: Edition): StageStatus[] {
  const specs = allStageSpecs();
  const manifests = new Map<string, Manifest | undefined>(
    specs.map((s) => [s.name, readManifest(edition, s.name)]),
  );
  const statuses = new Map<string, StageStatus>();
  for (const spec of specs) {
    const m = manifests.get(spec.name);
    const reasons: string[] = [];
    if (!m) {
      reasons.push('never built');
    } else {
      const raw = diffKeys(m.inputs, rawInputHashes(edition, spec.reads));
      reasons.push(...raw.map((r) => `raw/${edition.year}/${r}`));
      for (const up of spec.after) {
        const upM = manifests.get(up);
        if (!upM || m.upstream[up] !== outputDigest(upM)) reasons.push(`the output of ${up} changed`);
        else if (!statuses.get(up)?.current) reasons.push(`${up} is stale`);
      }
      for (const [key, digest] of Object.entries(previousDigests(edition, spec.previous))) {
        if (m.upstream[key] !== digest) reasons.push(`the output of ${key} (the previous edition) changed`);
      }
      if (m.code !== stageCodeHash(spec.name)) reasons.push('its code or a shared package changed');
      const dir = join(edition.buildDir, spec.name);
      const files = existsSync(dir) ? treeHashes(dir) : {};
      delete files['manifest.json'];
      const touched = diffKeys(m.outputs, files);
      if (touched.length)
        reasons.push(
          `outputs were modified (${touched.slice(0, 3).join(', ')}${touched.length > 3 ? ', …' : ''})`,
        );
    }
    statuses.set(spec.name, { stage: spec.name, current: reasons.length === 0, reasons });
  }
  return [...statuses.values()];
}

export function printStatus(options: { year?: string; raw?: string; build?: string }): number {
  const edition = resolveEdition(options);
  const statuses = stageStatuses(edition);
  console.log(
    `Edition ${edition.year} (raw: ${displayPath(edition.rawDir)}, build: ${displayPath(edition.buildDir)})\n`,
  );
  const width = Math.max(...statuses.map((s) => s.stage.length));
  for (const s of statuses) {
    const state = s.current ? 'current' : 'stale';
    console.log(`${s.stage.padEnd(width)}  ${state.padEnd(7)}  ${s.reasons.join('; ')}`);
  }
  printOpenItems(edition);
  return 0;
}

/** The edition's open items (the same as the draft report's appendix "Att göra"), grouped by kind. */
function printOpenItems(edition: Edition): void {
  const items = openItems(edition);
  if (items.length === 0) {
    console.log('\nOpen items: none (the report is not a draft).');
    return;
  }
  console.log(
    `\nOpen items: ${items.length} (the report is a draft; its appendix "Att göra" lists the same)`,
  );
  for (const group of groupOpenItems(items)) {
    console.log(`\n${group.title} (${OPEN_KIND_TITLES[group.kind].en}): ${group.items.length}`);
    for (const item of group.items) {
      console.log(`  ${locationOf(item)}: ${item.what}: ${item.todo}`);
      if (item.also.length) console.log(`      also ${item.also.join(', ')}`);
    }
  }
}
