import {
  allStageSpecs,
  displayPath,
  type Edition,
  groupOpenItems,
  locationOf,
  OPEN_KIND_TITLES,
  openItems,
  readManifest,
  resolveEdition,
  whatChanged,
} from '@kk/core';

export interface StageStatus {
  stage: string;
  current: boolean;
  /** Current by its own inputs, but after a stale stage that may change what it reads. */
  pending?: boolean;
  reasons: string[];
}

/**
 * Whether each stage's output is current for the edition, and if not, why: by content, as a run decides it
 * (early cutoff: raw files, code, tools, and what the stage read of other stages' outputs). `only`: these
 * stages, in the pipeline's order (a stage's status counts only the stages before it that are among them).
 * `untilStale`: the stages up to the first that is not current, for a caller that needs only whether all are.
 */
export async function stageStatuses(
  edition: Edition,
  only?: string[],
  options: { untilStale?: boolean } = {},
): Promise<StageStatus[]> {
  const statuses: StageStatus[] = [];
  for (const spec of allStageSpecs().filter((s) => !only || only.includes(s.name))) {
    if (options.untilStale && statuses.some((s) => !s.current)) break;
    const m = readManifest(edition, spec.name);
    const reasons = m ? await whatChanged(edition, spec.name, m) : ['never built'];
    // A stale stage before it runs first; this one reruns only if what it reads of that stage then changes.
    const waits = spec.after.filter((up) => statuses.find((s) => s.stage === up)?.current === false);
    statuses.push({
      stage: spec.name,
      current: reasons.length === 0 && waits.length === 0,
      pending: reasons.length === 0 && waits.length > 0,
      reasons: reasons.length
        ? reasons
        : waits.length
          ? [`after ${waits.join(', ')}, if what it reads changes`]
          : [],
    });
  }
  return statuses;
}

export async function printStatus(options: { year?: string; raw?: string; build?: string }): Promise<number> {
  const edition = resolveEdition(options);
  const statuses = await stageStatuses(edition);
  console.log(
    `Edition ${edition.year} (raw: ${displayPath(edition.rawDir)}, build: ${displayPath(edition.buildDir)})\n`,
  );
  const width = Math.max(...statuses.map((s) => s.stage.length));
  for (const s of statuses) {
    const state = s.current ? 'current' : s.pending ? 'pending' : 'stale';
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
