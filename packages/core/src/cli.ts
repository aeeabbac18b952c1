import { parseArgs } from 'node:util';
import { CheckError, InputError } from './errors.ts';
import { LockedError } from './lock.ts';
import { resolveEdition } from './paths.ts';
import { runStage, type StageDefinition } from './stage.ts';

/** Entry point of a stage package: `tsx src/cli.ts [--year Y] [--raw DIR] [--build DIR]`. */
export async function runStageCli(def: StageDefinition, argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { year: { type: 'string' }, raw: { type: 'string' }, build: { type: 'string' } },
    allowPositionals: false,
  });
  try {
    const edition = resolveEdition(values);
    const m = await runStage(def, edition);
    const rows = Object.entries(m.rows)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `[${def.name} ${edition.year}] done in ${(m.duration_ms / 1000).toFixed(1)} s` +
        (rows ? ` — ${rows}` : '') +
        (m.warnings.length ? ` — ${m.warnings.length} warning(s)` : ''),
    );
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

/** Prints an error for a person and returns the exit code: 2 for bad input, 3 for a failed check, 1 otherwise. */
export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    console.error(`error: ${err.message}`);
    return 2;
  }
  if (err instanceof LockedError) {
    console.error(`error: ${err.message}`);
    return 75;
  }
  if (err instanceof CheckError) {
    console.error(`check failed: ${err.message}`);
    return 3;
  }
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return 1;
}
