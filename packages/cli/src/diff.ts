import { join } from 'node:path';
import { Duck, displayPath, resolveEdition } from '@kk/core';
import { diffEditions, readEditionOutputs, TYP_SV, writeDiff } from '@kk/diff';
import { runPipeline } from './pipeline.ts';

export interface DiffCommandOptions {
  raw?: string;
  build?: string;
}

/**
 * `npm run diff -- <A> <B> [--raw DIR]`: brings both editions' criteria and employment outputs up to date (and
 * so ingest and dedupe), compares them and writes build/diff/<A>-<B>/. A year missing under --raw is taken from
 * the repository's raw/. Returns the exit code.
 */
export async function runDiff(a: string, b: string, options: DiffCommandOptions): Promise<number> {
  if (!a || !b) {
    console.error('usage: npm run diff -- <A> <B> [--raw DIR] [--build DIR]');
    return 64;
  }
  const editions = [a, b].map((year) => resolveEdition({ year, raw: options.raw, build: options.build }));
  for (const e of editions) {
    const stages = ['criteria', 'employment'];
    const code = await runPipeline(stages, { year: String(e.year), raw: e.rawRoot, build: e.buildRoot });
    if (code !== 0) return code;
  }
  const [ea, eb] = editions;
  const duck = await Duck.open();
  try {
    const outA = await readEditionOutputs(duck, ea.buildDir);
    const outB = await readEditionOutputs(duck, eb.buildDir);
    const diff = await diffEditions(outA, outB);
    const files = writeDiff(diff, join(eb.buildRoot, 'diff', `${ea.year}-${eb.year}`));
    console.log(`\nFörändringar ${ea.year} → ${eb.year} (changes ${ea.year} → ${eb.year}):`);
    for (const [typ, n] of Object.entries(diff.counts)) {
      console.log(`  ${String(n).padStart(5)}  ${typ.padEnd(18)} ${TYP_SV[typ as keyof typeof TYP_SV]}`);
    }
    console.log(
      `  ${diff.matched} initiativ i båda utgåvorna (entities in both), ${diff.renames.length} namnbyte(n) ` +
        `funna med dedupe-matchningen (renames found by matching), ${diff.seconds.toFixed(1)} s`,
    );
    console.log(`\nCSV:  ${displayPath(files.changes)}\nJSON: ${displayPath(files.summary)}`);
    console.log(`HTML: ${displayPath(files.html)}`);
    return 0;
  } finally {
    duck.close();
  }
}
