import type { Workload } from '../workload.ts';
import { cold, edit, noop } from './build.ts';
import { dedupe } from './dedupe.ts';
import { diff } from './diff.ts';
import { employment } from './employment.ts';
import { matching } from './matching.ts';
import { render } from './render.ts';
import { web } from './web.ts';

/** Every workload, in the order `npm run bench` runs them. */
export const WORKLOADS: Workload[] = [cold, noop, edit, dedupe, matching, employment, render, diff, web];

export function findWorkload(name: string): Workload {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}; workloads: ${WORKLOADS.map((x) => x.name).join(', ')}`);
  return w;
}
