import { parseArgs } from 'node:util';
import { reportError } from '@kk/core';
import { hostStages, runPipeline } from './pipeline.ts';
import { printStatus } from './status.ts';
import { runTests } from './test.ts';

const HELP = `usage: npm run <command> [-- options]

  report [--year Y] [--raw DIR]          build every stage: build/<Y>/kartlaggning-<Y>.pdf and build/<Y>/web/
  stage <name> [--year Y] [--raw DIR]    run one stage (and the stages before it where stale)
  edition new <Y> [--from P] [--raw DIR] start edition Y as a copy of P (default: the latest) marked to do
  edition confirm <file> [--rows 2–7,9]  mark carried-over rows (status överförd) bekräftad, with the date,
                                         and lists asked for (levererad nej) ja
  survey out [--year Y] [--raw DIR]      write the questionnaires (enkät) to build/<Y>/enkat/: one workbook per
                                         initiative, utskick.csv and the letters; nothing is sent
  preview [--year Y] [--port P]          the report's HTML and the web edition on 127.0.0.1, rebuilt on save
  status [--year Y]                      say per stage whether its output is current, and why not, and what
                                         the edition still needs (its open items)
  diff <A> <B>                           compare two editions, written to build/diff/<A>-<B>/
  bench [name]                           run the benchmarks, written to build/bench/results.json
  test                                   lint, type-check and run all tests

--year defaults to the latest edition under raw/ (or under --raw).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const opts = {
    year: { type: 'string' as const },
    raw: { type: 'string' as const },
    build: { type: 'string' as const },
    force: { type: 'boolean' as const },
    summarize: { type: 'boolean' as const },
    from: { type: 'string' as const },
    port: { type: 'string' as const },
    rows: { type: 'string' as const },
  };
  const turbo = (v: { summarize?: boolean }) => (v.summarize ? ['--summarize'] : []);
  switch (command) {
    case 'report': {
      const { values } = parseArgs({ args: rest, options: opts });
      return await runPipeline('report', { ...values, turboArgs: turbo(values) });
    }
    case 'stage': {
      const { values, positionals } = parseArgs({ args: rest, options: opts, allowPositionals: true });
      if (positionals.length !== 1) {
        console.error('usage: npm run stage -- <ingest|dedupe|employment|criteria|report|web> [--year Y]');
        return 64;
      }
      return await runPipeline(positionals[0], { ...values, turboArgs: turbo(values) });
    }
    case 'preview': {
      const { values } = parseArgs({ args: rest, options: opts });
      const { runPreview } = await import('./preview.ts');
      return await runPreview(values);
    }
    case 'status': {
      const { values } = parseArgs({ args: rest, options: opts });
      return printStatus(values);
    }
    case 'edition': {
      const { values, positionals } = parseArgs({ args: rest, options: opts, allowPositionals: true });
      const { runEdition } = await import('./edition.ts');
      return runEdition(positionals, values);
    }
    case 'survey': {
      const { values, positionals } = parseArgs({ args: rest, options: opts, allowPositionals: true });
      const { runSurvey } = await import('./survey.ts');
      return await runSurvey(positionals, values);
    }
    case 'diff': {
      const { values, positionals } = parseArgs({ args: rest, options: opts, allowPositionals: true });
      if (positionals.length !== 2) {
        console.error('usage: npm run diff -- <yearA> <yearB> [--raw DIR]');
        return 64;
      }
      const { runDiff } = await import('./diff.ts');
      return await runDiff(positionals[0], positionals[1], values);
    }
    case 'bench': {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
      const { runBench } = await import('@kk/bench');
      return await runBench(positionals);
    }
    case 'test':
      return runTests(rest);
    case 'help':
    case undefined:
      console.log(HELP);
      return 0;
    default:
      console.error(`unknown command ${command}\n\n${HELP}`);
      return 64;
  }
}

/** An option given without its value: at the end, or followed by another option (`--year --force`). */
function valueMissing(argv: string[], option: string): string {
  const next = argv[argv.indexOf(option) + 1];
  return `expected a value after ${option}, found ${next === undefined ? 'none' : `"${next}"`}`;
}

/**
 * A command line parseArgs refuses, said in the command's terms (an option it does not know, a value missing or
 * given where none is taken, a word too many), with the usage; undefined for any other error.
 */
function usageError(argv: string[], err: unknown): string | undefined {
  const code = (err as { code?: string })?.code ?? '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const found = /'([^']*)'/.exec((err as Error).message)?.[1] ?? argv.slice(1).join(' ');
  const what =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `expected an option of npm run ${argv[0]} (see below), found "${found}"`
      : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `expected only options after npm run ${argv[0]}, found "${found}"`
        : /does not take an argument/.test((err as Error).message)
          ? `expected ${found} without a value, found "${argv.find((a) => a.startsWith(`${found}=`)) ?? found}"`
          : valueMissing(argv, found.split(' ')[0]);
  return `npm run ${argv[0]}: ${what}\n\n${HELP}`;
}

// The stages a command runs through turbo are run in this process (stage-host.ts).
hostStages();
const argv = process.argv.slice(2);
// --help or -h, as the command or after one.
if (argv.some((a) => a === '--help' || a === '-h')) {
  console.log(HELP);
} else {
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    const usage = usageError(argv, err);
    if (usage) console.error(usage);
    process.exitCode = usage ? 64 : reportError(err);
  }
}
