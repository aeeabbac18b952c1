// A reader gets exactly the columns it names, at run time and in its type: `tsc` (in npm test) fails on a read of
// a column the reader did not name, because the @ts-expect-error below would then be unused.
import { Duck, readRef, resolveEdition } from '@kk/core';
import type { IngestFactsheetsRow } from '@kk/tables';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('readRef', () => {
  it('returns the named columns only, typed from the table row type', async () => {
    const duck = await Duck.open();
    try {
      const rows = await readRef(duck, resolveEdition({ year: 2009 }, {}), 'ingest', 'factsheets', [
        'id',
        'rubrik',
      ]);
      expect(rows).toHaveLength(68);
      expect(Object.keys(rows[0]).sort()).toEqual(['id', 'rubrik']);
      expectTypeOf(rows[0]).toEqualTypeOf<Pick<IngestFactsheetsRow, 'id' | 'rubrik'>>();
      // @ts-expect-error: the member count was not named, so it is not there to read
      expect(rows[0].antal_medlemsforetag).toBeUndefined();
    } finally {
      duck.close();
    }
  });
});
