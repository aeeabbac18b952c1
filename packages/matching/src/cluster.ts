// Clustering of linked pairs into entities. Records are numbered 1..n (rid); a cluster is named by its
// smallest rid, so labels do not depend on the order edges arrive in.

/** Linked pairs, strongest first (ties by a, then b), with their match weight in bits. */
export interface Edges {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

export interface Constraints {
  /** Pairs an analyst called the same: joined before any score, whatever the scores say. */
  mustLink: [number, number][];
  /** Pairs an analyst called different: they may not end in one cluster. */
  cannotLink: [number, number][];
  /** Scored pairs the model calls clearly different: no chain of links may join them (decisions may). */
  veto: [number, number][];
  /** Records of which no two may share a cluster (fact sheets: each is its own initiative). */
  exclusive: Uint8Array;
}

export type RejectReason = 'faktablad' | 'veto' | 'beslut';

/** A link the scores wanted and the constraints refused, with the pair that blocked it. */
export interface Rejected {
  a: number;
  b: number;
  weight: number;
  reason: RejectReason;
  blockerA: number;
  blockerB: number;
}

/** Decisions that cannot all hold: the decided pair (a, b) and the pair (x, y) it collides with. */
export class ConstraintConflict extends Error {
  constructor(
    readonly a: number,
    readonly b: number,
    readonly kind: 'faktablad' | 'beslut',
    readonly x: number,
    readonly y: number,
  ) {
    super(
      kind === 'faktablad'
        ? `joining ${a} and ${b} would put the fact sheets ${x} and ${y} in one entity`
        : `decisions both join and separate ${x} and ${y}`,
    );
  }
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r];
    while (p[x] !== r) {
      const next = p[x];
      p[x] = r;
      x = next;
    }
    return r;
  }
}

/** Labels (smallest rid of the cluster) of the connected components of the given links, ignoring constraints. */
export function components(n: number, edges: Edges, mustLink: [number, number][]): Int32Array {
  const uf = new UnionFind(n);
  const join = (x: number, y: number) => {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx !== ry) uf.parent[Math.max(rx, ry)] = Math.min(rx, ry);
  };
  for (const [x, y] of mustLink) join(x, y);
  for (let i = 0; i < edges.a.length; i++) join(edges.a[i], edges.b[i]);
  const label = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) label[i] = uf.find(i);
  return label;
}

/**
 * Greedy merging, strongest link first, under constraints: two clusters merge only when no cannot-link pair
 * and no two exclusive records would end up together. Because every scored pair inside a would-be cluster
 * can veto, one weak link cannot chain two records the model calls different into one entity.
 */
export function guardedClusters(
  n: number,
  edges: Edges,
  constraints: Constraints,
): { label: Int32Array; rejected: Rejected[] } {
  const uf = new UnionFind(n);
  const members: number[][] = [];
  const exclusiveCount = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    members[i] = [i];
    exclusiveCount[i] = constraints.exclusive[i] ? 1 : 0;
  }
  const cannot = new Map<number, [number, RejectReason][]>();
  const addCannot = (x: number, y: number, reason: RejectReason) => {
    const lx = cannot.get(x);
    if (lx) lx.push([y, reason]);
    else cannot.set(x, [[y, reason]]);
  };
  for (const [x, y] of constraints.cannotLink) {
    addCannot(x, y, 'beslut');
    addCannot(y, x, 'beslut');
  }
  for (const [x, y] of constraints.veto) {
    addCannot(x, y, 'veto');
    addCannot(y, x, 'veto');
  }

  /** The cannot-link pair that merging two clusters would put together, if any. */
  const blocker = (rx: number, ry: number): [number, number, RejectReason] | undefined => {
    const [small, other] = members[rx].length <= members[ry].length ? [rx, ry] : [ry, rx];
    for (const m of members[small]) {
      const list = cannot.get(m);
      if (!list) continue;
      for (const [v, reason] of list) if (uf.find(v) === other) return [m, v, reason];
    }
    return undefined;
  };
  const exclusivePair = (rx: number, ry: number): [number, number] => {
    const x = members[rx].find((m) => constraints.exclusive[m]) ?? rx;
    const y = members[ry].find((m) => constraints.exclusive[m]) ?? ry;
    return [x, y];
  };
  const union = (rx: number, ry: number) => {
    const [big, small] = members[rx].length >= members[ry].length ? [rx, ry] : [ry, rx];
    uf.parent[small] = big;
    for (const m of members[small]) members[big].push(m);
    members[small] = [];
    exclusiveCount[big] += exclusiveCount[small];
  };

  for (const [x, y] of constraints.mustLink) {
    const rx = uf.find(x);
    const ry = uf.find(y);
    if (rx === ry) continue;
    if (exclusiveCount[rx] + exclusiveCount[ry] > 1) {
      const [p, q] = exclusivePair(rx, ry);
      throw new ConstraintConflict(x, y, 'faktablad', p, q);
    }
    union(rx, ry);
  }
  for (const [x, y] of constraints.cannotLink) {
    if (uf.find(x) === uf.find(y)) {
      throw new ConstraintConflict(x, y, 'beslut', x, y);
    }
  }

  const rejected: Rejected[] = [];
  for (let i = 0; i < edges.a.length; i++) {
    const a = edges.a[i];
    const b = edges.b[i];
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) continue;
    if (exclusiveCount[ra] + exclusiveCount[rb] > 1) {
      const [p, q] = exclusivePair(ra, rb);
      rejected.push({ a, b, weight: edges.weight[i], reason: 'faktablad', blockerA: p, blockerB: q });
      continue;
    }
    const block = blocker(ra, rb);
    if (block) {
      rejected.push({
        a,
        b,
        weight: edges.weight[i],
        reason: block[2],
        blockerA: block[0],
        blockerB: block[1],
      });
      continue;
    }
    union(ra, rb);
  }

  const label = new Int32Array(n + 1);
  for (let r = 1; r <= n; r++) {
    const ms = members[r];
    if (ms.length === 0) continue;
    let min = ms[0];
    for (const m of ms) if (m < min) min = m;
    for (const m of ms) label[m] = min;
  }
  return { label, rejected };
}
