// Clustering under constraints: no chaining through a weak link, fact sheets never share an entity, and the
// analyst's decisions win over the scores.
import { describe, expect, it } from 'vitest';
import { ConstraintConflict, components, type Edges, guardedClusters } from '../src/cluster.ts';

const edges = (list: [number, number, number][]): Edges => ({
  a: Int32Array.from(list.map((e) => e[0])),
  b: Int32Array.from(list.map((e) => e[1])),
  weight: Float64Array.from(list.map((e) => e[2])),
});
const none = (n: number) => ({ mustLink: [], cannotLink: [], veto: [], exclusive: new Uint8Array(n + 1) });
const labels = (l: Int32Array) => [...l.slice(1)];

describe('guarded clustering', () => {
  it('joins linked records and names each cluster by its smallest record', () => {
    const { label } = guardedClusters(
      5,
      edges([
        [4, 5, 9],
        [2, 4, 8],
      ]),
      none(5),
    );
    expect(labels(label)).toEqual([1, 2, 3, 2, 2]);
  });

  it('does not chain two records the model calls different through one record linked to both', () => {
    // 1 = Oresund Food Network, 3 = Oresund Food Excellence, 2 = a bare "Oresund Food" linked to both.
    const linked = edges([
      [1, 2, 6],
      [2, 3, 5],
    ]);
    expect(labels(components(3, linked, []))).toEqual([1, 1, 1]);
    const { label, rejected } = guardedClusters(3, linked, { ...none(3), veto: [[1, 3]] });
    expect(labels(label)).toEqual([1, 1, 3]);
    expect(rejected).toEqual([{ a: 2, b: 3, weight: 5, reason: 'veto', blockerA: 3, blockerB: 1 }]);
  });

  it('keeps the stronger link when a veto forces a choice', () => {
    const { label } = guardedClusters(
      3,
      edges([
        [2, 3, 9],
        [1, 2, 4],
      ]),
      { ...none(3), veto: [[1, 3]] },
    );
    expect(labels(label)).toEqual([1, 2, 2]);
  });

  it('never puts two fact sheets in one entity', () => {
    const exclusive = Uint8Array.from([0, 1, 0, 1]);
    const { label, rejected } = guardedClusters(
      3,
      edges([
        [1, 2, 9],
        [2, 3, 8],
      ]),
      { ...none(3), exclusive },
    );
    expect(labels(label)).toEqual([1, 1, 3]);
    expect(rejected[0].reason).toBe('faktablad');
  });

  it('lets a decision join what the scores keep apart, and part what they join', () => {
    const joined = guardedClusters(4, edges([]), { ...none(4), mustLink: [[1, 4]] });
    expect(labels(joined.label)).toEqual([1, 2, 3, 1]);
    const parted = guardedClusters(3, edges([[1, 2, 9]]), { ...none(3), cannotLink: [[1, 2]] });
    expect(labels(parted.label)).toEqual([1, 2, 3]);
    expect(parted.rejected[0].reason).toBe('beslut');
  });

  it('a decision overrides a veto', () => {
    const { label } = guardedClusters(2, edges([]), { ...none(2), mustLink: [[1, 2]], veto: [[1, 2]] });
    expect(labels(label)).toEqual([1, 1]);
  });

  it('refuses decisions that contradict each other or join two fact sheets', () => {
    expect(() =>
      guardedClusters(3, edges([]), {
        ...none(3),
        mustLink: [
          [1, 2],
          [2, 3],
        ],
        cannotLink: [[1, 3]],
      }),
    ).toThrow(ConstraintConflict);
    const exclusive = Uint8Array.from([0, 1, 1]);
    expect(() => guardedClusters(2, edges([]), { ...none(2), mustLink: [[1, 2]], exclusive })).toThrow(
      /fact sheets 1 and 2/,
    );
  });
});
