// The estimation's labels: each pair counts once, and an analyst's decision wins over what the previous edition
// joined.
import { Duck } from '@kk/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, resolveEntities } from '../src/index.ts';

let duck: Duck;
beforeAll(async () => {
  duck = await Duck.open();
  await duck.run(`
    CREATE TABLE recs AS SELECT * FROM (VALUES
      ('a', 'Robotdalen', 'www.robotdalen.se', NULL, '72123', 'Erik Lundqvist', ['021348451'], ['erik@robotdalen.se'], false),
      ('b', 'Robotdalen', 'www.robotdalen.se/om', NULL, '72123', NULL, ['021348451'], []::VARCHAR[], false),
      ('c', 'Robotics Valley', NULL, NULL, NULL, NULL, ['021348451'], []::VARCHAR[], false),
      ('d', 'Automation Region', 'www.automationregion.com', NULL, '72123', 'Anna Berg', ['021101010'], ['anna@automationregion.com'], false)
    ) t(record_id, namn, webb, adress, postnummer, kontakt, telefon, epost, faktablad)`);
});
afterAll(() => duck?.close());

const labelled = async (options: Parameters<typeof resolveEntities>[2]) =>
  (await resolveEntities(duck, 'recs', options)).estimation?.labelled_pairs;

describe('labelled pairs of the estimation', () => {
  it('counts a pair once when a decision confirms what the previous edition joined', async () => {
    const carried: [string, string][] = [['a', 'b']];
    expect(await labelled({ model: loadModel(), labelledSame: carried })).toEqual({ samma: 1, olika: 0 });
    expect(await labelled({ model: loadModel(), labelledSame: carried, mustLink: carried })).toEqual({
      samma: 1,
      olika: 0,
    });
  });

  it('lets a decision "olika" overrule the previous edition', async () => {
    expect(
      await labelled({ model: loadModel(), labelledSame: [['a', 'b']], cannotLink: [['a', 'b']] }),
    ).toEqual({ samma: 0, olika: 1 });
  });
});
