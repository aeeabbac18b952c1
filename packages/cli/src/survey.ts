import { relative } from 'node:path';
import { REPO_ROOT, resolveEdition } from '@kk/core';
import { surveyOut } from '@kk/survey';

/** `npm run survey -- out [--year Y] [--raw DIR] [--build DIR]`: the questionnaires, to be mailed by hand. */
export async function runSurvey(
  positionals: string[],
  options: { year?: string; raw?: string; build?: string },
): Promise<number> {
  if (positionals[0] !== 'out' || positionals.length !== 1) {
    console.error('usage: npm run survey -- out [--year Y] [--raw DIR]');
    return 64;
  }
  const edition = resolveEdition({ year: options.year, raw: options.raw, build: options.build }, {});
  const { dir, count } = await surveyOut(edition);
  const rel = relative(REPO_ROOT, dir);
  console.log(
    `${count} questionnaires, utskick.csv and the letters in ${rel.startsWith('..') ? dir : rel}. Nothing is sent: ` +
      `mail each file with its letter, and put the returned workbooks in raw/${edition.year}/enkat/svar/.`,
  );
  return 0;
}
