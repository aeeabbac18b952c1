// The order test files start in: the long ones first, so that on two workers the last minutes are not one long
// file running alone. Vitest orders by the durations of the previous run when it has them (a developer's
// machine); a fresh clone (CI) has none, so the files known to take longest (`npm test` prints the slowest) lead.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONGEST = [
  'tests/edition/edition.test.ts',
  'tests/reruns/reruns.test.ts',
  'pipelines/dedupe/test/stability.test.ts',
  'tests/cli/preview.test.ts',
  'tests/reliability/all-or-nothing.test.ts',
  'tests/edition/survey.test.ts',
  'tests/reliability/suppressed.test.ts',
  'packages/diff/test/diff-fixture.test.ts',
  'tests/reliability/catalogue.test.ts',
  'pipelines/web/test/site.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONGEST.indexOf(relative(import.meta.dirname, f.moduleId));
      return i < 0 ? LONGEST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}
