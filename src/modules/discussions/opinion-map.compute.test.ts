import { describe, expect, it } from 'vitest';
import { computeOpinionMap, type VoteCell, type VoteTriple } from './opinion-map.compute.ts';

/*
 * A constructed matrix with two known opinion groups: statements 0–4 are agreed by group A and
 * rejected by group B, statements 5–9 the other way round, statement 10 is agreed by nearly
 * everyone (the consensus). A few votes are missing or passed, as in life.
 */
function twoCamps(perGroup: number): { votes: VoteTriple[]; participants: number } {
  const votes: VoteTriple[] = [];
  const participants = perGroup * 2;
  for (let p = 0; p < participants; p++) {
    const camp = p < perGroup ? 1 : -1;
    for (let s = 0; s < 11; s++) {
      if ((p * 7 + s) % 13 === 0) continue; // not seen
      let vote: VoteCell = s === 10 ? 1 : s < 5 ? (camp as VoteCell) : (-camp as VoteCell);
      if ((p + s) % 17 === 0) vote = 0; // pass
      votes.push({ participant: p, statement: s, vote });
    }
  }
  return { votes, participants };
}

describe('opinion map computation', () => {
  it('finds the two known groups, what each thinks, and the consensus', () => {
    const { votes, participants } = twoCamps(12);
    const map = computeOpinionMap({ participants, statements: 11, votes, minParticipants: 15 });
    expect(map.groups).toHaveLength(2);
    expect(map.groups.map((g) => g.size).sort()).toEqual([12, 12]);
    // Everyone of a camp is in the same group.
    const groupOf = (p: number) => map.points[p]!.group;
    for (let p = 1; p < 12; p++) expect(groupOf(p)).toBe(groupOf(0));
    for (let p = 13; p < 24; p++) expect(groupOf(p)).toBe(groupOf(12));
    expect(groupOf(0)).not.toBe(groupOf(12));
    const campA = map.groups.find((g) => g.id === groupOf(0))!;
    const campB = map.groups.find((g) => g.id === groupOf(12))!;
    // Representative: statements the group agrees with and the other rejects, never the consensus.
    const reps = (g: typeof campA) => g.representative.map((r) => r.statement);
    expect(reps(campA).length).toBeGreaterThan(0);
    expect(reps(campB).length).toBeGreaterThan(0);
    for (const r of campA.representative) expect(r.statement).not.toBe(10);
    expect(campA.representative.every((r) => (r.statement < 5 ? r.agree > 0.8 : r.disagree > 0.8))).toBe(
      true,
    );
    expect(campB.representative.every((r) => (r.statement >= 5 ? r.agree > 0.8 : r.disagree > 0.8))).toBe(
      true,
    );
    expect(map.consensus.map((c) => c.statement)).toEqual([10]);
  });

  it('shows no groups (and no consensus) below the minimum number of participants', () => {
    const { votes, participants } = twoCamps(6);
    const map = computeOpinionMap({ participants, statements: 11, votes, minParticipants: 15 });
    expect(map.participants).toBe(12);
    expect(map.groups).toEqual([]);
    expect(map.consensus).toEqual([]);
    expect(map.points).toHaveLength(12);
  });

  it('gives the same map for the same votes', () => {
    const { votes, participants } = twoCamps(10);
    const a = computeOpinionMap({ participants, statements: 11, votes, minParticipants: 15 });
    const b = computeOpinionMap({
      participants,
      statements: 11,
      votes: [...votes].reverse(),
      minParticipants: 15,
    });
    expect(b).toEqual(a);
  });
});
