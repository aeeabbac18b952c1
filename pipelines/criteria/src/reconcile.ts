import { CheckError } from '@kk/core';

/** The figures sql/reconcile.sql computes over the filled ledger and the written lists. */
export interface Figures {
  raw_rows: number;
  ledger_rows: number;
  raw_not_in_ledger: number;
  ledger_not_in_raw: number;
  without_outcome: number;
  unknown_entity: number;
  entities_without_rows: number;
  ledger_list1: number;
  ledger_list2_strategic: number;
  ledger_list2_transnational: number;
  ledger_rejected: number;
  list1: number;
  list2_strategic: number;
  list2_transnational: number;
  rejected: number;
}

/**
 * Nothing lost (DESIGN.md): one ledger row per raw row, each with an outcome, and the entities per outcome
 * in the ledger are exactly the entities in the written lists. Returns what does not add up.
 */
export function reconcile(f: Figures): string[] {
  const problems: string[] = [];
  if (f.raw_rows !== f.ledger_rows) {
    problems.push(`${f.raw_rows} raw rows but ${f.ledger_rows} ledger rows`);
  }
  if (f.raw_not_in_ledger > 0) problems.push(`${f.raw_not_in_ledger} raw row(s) missing from the ledger`);
  if (f.ledger_not_in_raw > 0) problems.push(`${f.ledger_not_in_raw} ledger row(s) that are no raw row`);
  if (f.unknown_entity > 0) problems.push(`${f.unknown_entity} ledger row(s) name no known entity`);
  if (f.without_outcome > 0) problems.push(`${f.without_outcome} ledger row(s) without an outcome`);
  if (f.entities_without_rows > 0) {
    problems.push(`${f.entities_without_rows} entit(y/ies) without any ledger row`);
  }
  const lists: [string, number, number][] = [
    ['list1', f.ledger_list1, f.list1],
    ['list2-strategic', f.ledger_list2_strategic, f.list2_strategic],
    ['list2-transnational', f.ledger_list2_transnational, f.list2_transnational],
    ['rejected', f.ledger_rejected, f.rejected],
  ];
  for (const [name, inLedger, inList] of lists) {
    if (inLedger !== inList) {
      problems.push(`${name}: ${inLedger} entities in the ledger but ${inList} in the written list`);
    }
  }
  return problems;
}

/** Fails the run loudly when the figures do not add up. */
export function assertReconciled(f: Figures): void {
  const problems = reconcile(f);
  if (problems.length > 0) {
    throw new CheckError(`the criteria ledger does not reconcile: ${problems.join('; ')}`);
  }
}
