import { describe, expect, it } from 'vitest';
import type { WorkStatus } from './kinds.schemas.ts';
import { importNotices, WORK_NEWS_DIGEST_AFTER, type WorkChange } from './work-news.ts';

const at = new Date('2026-12-07T10:00:00Z');
const park = { id: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Парк Победы' };
const yard = { id: 'b2b2b2b2-0000-4000-8000-000000000002', name: 'Двор на Садовой' };

let n = 0;
function change(object: typeof park, before: WorkStatus | null, after: WorkStatus, editorId = 'editor') {
  n += 1;
  const id = `c3c3c3c3-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const c: WorkChange = { before, after, object, work: { id, title: `Работа ${n}` }, editorId, at };
  return { change: c, followers: ['anna', 'ivan', 'editor'] };
}

describe("a registry import's news of a chunk", () => {
  it('tells a few works of an object one by one, each to its followers but the editor', () => {
    const changes = Array.from({ length: WORK_NEWS_DIGEST_AFTER }, () => change(park, null, 'planned'));
    const notices = importNotices(changes);
    expect(notices.map((x) => x.subjectId)).toEqual(changes.map((c) => c.change.work.id));
    expect(notices.map((x) => x.subjectTitle)).toEqual(
      changes.map((c) => `Парк Победы: ${c.change.work.title}`),
    );
    for (const notice of notices) {
      expect(notice).toMatchObject({ topic: 'object_work_added', userIds: ['anna', 'ivan'], at });
      expect(notice.link).toBe(`/objects/${park.id}`);
    }
  });

  it('tells many works of one object with the same news as one notice counting the others', () => {
    const many = Array.from({ length: WORK_NEWS_DIGEST_AFTER + 1 }, () => change(park, null, 'planned'));
    const started = [change(park, 'planned', 'in_progress'), change(park, 'planned', 'in_progress')];
    const elsewhere = change(yard, null, 'planned');
    const unchangedState = change(park, 'completed', 'completed');
    const notices = importNotices([...many, started[0]!, elsewhere, started[1]!, unchangedState]);

    const added = notices.filter((x) => x.topic === 'object_work_added' && x.link === `/objects/${park.id}`);
    expect(added).toHaveLength(1);
    expect(added[0]!.subjectTitle).toBe(
      `Парк Победы: ${many[0]!.change.work.title} (+${WORK_NEWS_DIGEST_AFTER})`,
    );
    expect(added[0]!.userIds).toEqual(['anna', 'ivan']);
    // Its own subject: a work told the same news before would otherwise keep the digest from anyone.
    const workIds = [...many, ...started, elsewhere].map((c) => c.change.work.id);
    expect(workIds).not.toContain(added[0]!.subjectId);
    // Other news of the same object, and the same news of another object, are told as before.
    expect(notices.filter((x) => x.topic === 'object_work_started').map((x) => x.subjectId)).toEqual(
      started.map((c) => c.change.work.id),
    );
    expect(notices.filter((x) => x.link === `/objects/${yard.id}`).map((x) => x.subjectId)).toEqual([
      elsewhere.change.work.id,
    ]);
    expect(notices).toHaveLength(4);
  });

  it('tells nobody of a change the only follower made', () => {
    const own = { ...change(park, null, 'planned', 'anna'), followers: ['anna'] };
    expect(importNotices([own])).toEqual([]);
  });
});
