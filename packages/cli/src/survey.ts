import { join } from 'node:path';
import { displayPath, resolveEdition } from '@kk/core';
import { ANSWERS_DIR, surveyOut } from '@kk/survey';

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
  // Places as they open from where the command ran (the repository, or the folder given with --raw/--build).
  console.log(
    `${count} questionnaires, utskick.csv and the letters in ${displayPath(dir)}. Nothing is sent: ` +
      `mail each file with its letter, and put the returned workbooks in ${displayPath(join(edition.rawDir, ANSWERS_DIR))}/.`,
  );
  return 0;
}
