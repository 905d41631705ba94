import { kmeans } from 'ml-kmeans';
import { Matrix } from 'ml-matrix';
import { PCA } from 'ml-pca';

/*
 * The opinion map, in the manner of Pol.is (docs/discussions.md explains the method and its limits).
 * Pure: a vote matrix in, groups out. The job runs it off the request path.
 *
 * 1. Matrix: participants × approved statements; agree 1, disagree -1, pass 0, not seen: missing.
 * 2. Missing votes are replaced by the statement's mean vote (Pol.is), so that an unseen statement
 *    neither pulls nor pushes a participant.
 * 3. PCA on the weighted covariance: a participant's weight is min(1, votes / MIN_VOTES), so people
 *    who voted on little shape the axes less. Each projection is then scaled by
 *    sqrt(statements / votes) (Pol.is): imputed means drag sparse voters to the centre otherwise.
 * 4. k-means on the 2-D points of participants with at least MIN_VOTES votes, k = 2..5 by the best
 *    mean silhouette; groups are shown only from `minParticipants` clustered participants.
 * 5. Representative statements of a group: where its agree (or disagree) share is above one half and
 *    higher than the rest's, significant by a one-sided two-proportion z-test (z > 1.645, p < .05).
 *    Consensus: statements with an agree share of at least 60 % in every group.
 */

export type VoteCell = 1 | -1 | 0;
export type VoteTriple = { participant: number; statement: number; vote: VoteCell };

export type OpinionInput = {
  participants: number;
  statements: number;
  votes: readonly VoteTriple[];
  minParticipants: number;
  /** Seed of k-means++ (fixed: the same votes give the same map). */
  seed?: number;
};

export type StatementShare = { statement: number; agree: number; disagree: number; z: number };

export type OpinionResult = {
  participants: number;
  groups: { id: number; size: number; representative: StatementShare[] }[];
  consensus: { statement: number; agree: number }[];
  /** Per participant: its point and group (-1: not clustered). */
  points: { x: number; y: number; group: number }[];
};

/** Votes from which a participant is clustered (Pol.is uses 7, or all statements when fewer). */
export const MIN_VOTES = 7;
const Z_90 = 1.645;
const CONSENSUS_SHARE = 0.6;
const REPRESENTATIVE_MAX = 5;
const SILHOUETTE_SAMPLE = 1500;

export function computeOpinionMap(input: OpinionInput): OpinionResult {
  const { participants: n, statements: m } = input;
  const empty: OpinionResult = { participants: n, groups: [], consensus: [], points: [] };
  if (n === 0 || m === 0) return empty;

  const values = new Float64Array(n * m).fill(Number.NaN);
  const votesOf = new Int32Array(n);
  for (const v of input.votes) {
    values[v.participant * m + v.statement] = v.vote;
    votesOf[v.participant] = (votesOf[v.participant] ?? 0) + 1;
  }
  const minVotes = Math.min(MIN_VOTES, m);

  // Column means over the votes cast (pass counts as 0), the value given to unseen statements.
  const sums = new Float64Array(m);
  const counts = new Int32Array(m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const x = values[i * m + j]!;
      if (!Number.isNaN(x)) {
        sums[j] = sums[j]! + x;
        counts[j] = counts[j]! + 1;
      }
    }
  const means = Array.from(sums, (s, j) => (counts[j]! > 0 ? s / counts[j]! : 0));

  // Weighted centre and covariance: the axes are shaped mostly by people who voted enough.
  const weights = Array.from(votesOf, (c) => Math.min(1, c / minVotes));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const centre = new Float64Array(m);
  const filled = new Matrix(n, m);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      const x = values[i * m + j]!;
      const value = Number.isNaN(x) ? means[j]! : x;
      filled.set(i, j, value);
      centre[j] = centre[j]! + weights[i]! * value;
    }
  for (let j = 0; j < m; j++) centre[j] = centre[j]! / totalWeight;
  const weighted = new Matrix(n, m);
  for (let i = 0; i < n; i++) {
    const root = Math.sqrt(weights[i]!);
    for (let j = 0; j < m; j++) {
      const c = filled.get(i, j) - centre[j]!;
      filled.set(i, j, c);
      weighted.set(i, j, c * root);
    }
  }
  const covariance = weighted.transpose().mmul(weighted).div(totalWeight);
  const pca = new PCA(covariance, { isCovarianceMatrix: true, center: false });
  const components = Math.min(2, m);
  const loadings = pca.getEigenvectors().subMatrix(0, m - 1, 0, components - 1);
  const projected = filled.mmul(loadings);

  const points = Array.from({ length: n }, (_, i) => {
    const scale = votesOf[i]! > 0 ? Math.sqrt(m / votesOf[i]!) : 0;
    return {
      x: round(projected.get(i, 0) * scale),
      y: components > 1 ? round(projected.get(i, 1) * scale) : 0,
      group: -1,
    };
  });

  const clustered = points.map((_, i) => i).filter((i) => votesOf[i]! >= minVotes);
  if (clustered.length < Math.max(input.minParticipants, 4))
    return { participants: n, groups: [], consensus: [], points };

  const data = clustered.map((i) => [points[i]!.x, points[i]!.y]);
  const labels = bestClustering(data, input.seed ?? 42);
  clustered.forEach((p, idx) => {
    points[p]!.group = labels[idx]!;
  });
  const k = Math.max(...labels) + 1;

  // Per group and statement: agrees, disagrees, votes seen (pass included).
  const tally = (group: number | null) => {
    const agree = new Int32Array(m);
    const disagree = new Int32Array(m);
    const seen = new Int32Array(m);
    for (const i of clustered) {
      const g = points[i]!.group;
      if (group !== null && g !== group) continue;
      for (let j = 0; j < m; j++) {
        const x = values[i * m + j]!;
        if (Number.isNaN(x)) continue;
        seen[j] = seen[j]! + 1;
        if (x === 1) agree[j] = agree[j]! + 1;
        else if (x === -1) disagree[j] = disagree[j]! + 1;
      }
    }
    return { agree, disagree, seen };
  };
  const all = tally(null);
  const perGroup = Array.from({ length: k }, (_, g) => tally(g));

  const groups = perGroup.map((t, g) => {
    const shares: StatementShare[] = [];
    for (let j = 0; j < m; j++) {
      const seen = t.seen[j]!;
      if (seen === 0) continue;
      const restSeen = all.seen[j]! - seen;
      const a = (t.agree[j]! + 1) / (seen + 2);
      const d = (t.disagree[j]! + 1) / (seen + 2);
      const restA = (all.agree[j]! - t.agree[j]! + 1) / (restSeen + 2);
      const restD = (all.disagree[j]! - t.disagree[j]! + 1) / (restSeen + 2);
      const zA = twoProportionZ(t.agree[j]!, seen, all.agree[j]! - t.agree[j]!, restSeen);
      const zD = twoProportionZ(t.disagree[j]!, seen, all.disagree[j]! - t.disagree[j]!, restSeen);
      const agreeShare = t.agree[j]! / seen;
      const disagreeShare = t.disagree[j]! / seen;
      if (a > 0.5 && a > restA && zA > Z_90)
        shares.push({ statement: j, agree: round(agreeShare), disagree: round(disagreeShare), z: round(zA) });
      else if (d > 0.5 && d > restD && zD > Z_90)
        shares.push({ statement: j, agree: round(agreeShare), disagree: round(disagreeShare), z: round(zD) });
    }
    shares.sort((p, q) => q.z - p.z || p.statement - q.statement);
    return {
      id: g,
      size: points.filter((p) => p.group === g).length,
      representative: shares.slice(0, REPRESENTATIVE_MAX),
    };
  });

  const consensus: { statement: number; agree: number }[] = [];
  for (let j = 0; j < m; j++) {
    const everywhere = perGroup.every((t) => t.seen[j]! > 0 && t.agree[j]! / t.seen[j]! >= CONSENSUS_SHARE);
    if (everywhere) consensus.push({ statement: j, agree: round(all.agree[j]! / all.seen[j]!) });
  }
  consensus.sort((p, q) => q.agree - p.agree || p.statement - q.statement);
  return { participants: n, groups, consensus, points };
}

/** k-means for k = 2..5 (at most one per three points), keeping the best mean silhouette. */
function bestClustering(data: number[][], seed: number): number[] {
  let best: { score: number; labels: number[] } | null = null;
  const maxK = Math.min(5, Math.floor(data.length / 3));
  for (let k = 2; k <= maxK; k++) {
    const result = kmeans(data, k, { initialization: 'kmeans++', seed, maxIterations: 200 });
    const labels = relabel(result.clusters, k);
    const score = silhouette(data, labels, k);
    if (best === null || score > best.score + 1e-9) best = { score, labels };
  }
  return best?.labels ?? data.map(() => 0);
}

/** Groups numbered by size (largest first), so the numbering is stable across recomputations. */
function relabel(clusters: number[], k: number): number[] {
  const sizes = Array.from({ length: k }, (_, g) => ({ g, size: clusters.filter((c) => c === g).length }));
  const present = sizes.filter((s) => s.size > 0).sort((a, b) => b.size - a.size || a.g - b.g);
  const map = new Map(present.map((s, idx) => [s.g, idx]));
  return clusters.map((c) => map.get(c)!);
}

/** Mean silhouette (on an even sample of at most SILHOUETTE_SAMPLE points for large maps). */
export function silhouette(data: number[][], labels: number[], k: number): number {
  const step = Math.max(1, Math.ceil(data.length / SILHOUETTE_SAMPLE));
  const idx: number[] = [];
  for (let i = 0; i < data.length; i += step) idx.push(i);
  let total = 0;
  for (const i of idx) {
    const sum = new Float64Array(k);
    const cnt = new Int32Array(k);
    for (const j of idx) {
      if (i === j) continue;
      const dx = data[i]![0]! - data[j]![0]!;
      const dy = data[i]![1]! - data[j]![1]!;
      const g = labels[j]!;
      sum[g] = sum[g]! + Math.sqrt(dx * dx + dy * dy);
      cnt[g] = cnt[g]! + 1;
    }
    const own = labels[i]!;
    if (cnt[own] === 0) continue;
    const a = sum[own]! / cnt[own]!;
    let b = Number.POSITIVE_INFINITY;
    for (let g = 0; g < k; g++) if (g !== own && cnt[g]! > 0) b = Math.min(b, sum[g]! / cnt[g]!);
    if (!Number.isFinite(b)) continue;
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / idx.length;
}

/** One-sided z of "the group's proportion exceeds the rest's" (pooled two-proportion test). */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 0;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (p1 - p2) / se;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
