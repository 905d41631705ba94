import type { Session, TestApp } from './app.ts';
import { districtPoint, driveTo, fileReport, must, type ReportJson, type Staff } from './reports.ts';

export type ReadingSet = Record<
  | 'pubLight'
  | 'privLight'
  | 'submitted'
  | 'rejected'
  | 'nevskyPriv'
  | 'centralAccepted'
  | 'pothole'
  | 'appeal'
  | 'singular'
  | 'review'
  | 'clarified',
  ReportJson
>;

/**
 * The reports that reports-read.test.ts reads, all by one author: public and private, in every
 * kind of status, in the Central and Nevsky districts, with texts the full-text search can tell apart.
 */
export async function buildReadingSet(t: TestApp, staff: Staff, author: Session): Promise<ReadingSet> {
  const r = {} as ReadingSet;
  const nevsky = await districtPoint(t, 'nevsky');
  r.pubLight = await driveTo(t, staff, author, 'assigned', {
    text: 'Не горят фонари вдоль всей набережной',
  });
  r.privLight = await driveTo(t, staff, author, 'assigned', {
    text: 'Во дворе не горят лампы освещения',
    isPublic: false,
  });
  r.submitted = await driveTo(t, staff, author, 'submitted', { text: 'Новое сообщение ещё без модерации' });
  r.rejected = await driveTo(t, staff, author, 'rejected', { text: 'Сообщение не по теме, отклонено' });
  r.nevskyPriv = await driveTo(t, staff, author, 'accepted', {
    ...nevsky,
    isPublic: false,
    text: 'Непонятная проблема в Невском районе',
  });
  r.centralAccepted = await driveTo(t, staff, author, 'accepted', {
    text: 'Непонятная проблема в центре города',
  });
  r.pothole = await fileReport(t, author, {
    category: 'road-pothole',
    ...nevsky,
    text: 'Глубокая яма на проезжей части дороги',
  });
  r.pothole = await must(t, staff.moderator, r.pothole.id, 'accept');
  r.appeal = await driveTo(t, staff, author, 'assigned', {
    kind: 'appeal',
    text: 'Обращение по 59-ФЗ о неработающем освещении',
  });
  r.singular = await driveTo(t, staff, author, 'assigned', {
    text: 'Фонарь мигает каждый вечер у подъезда',
  });
  r.review = await driveTo(t, staff, author, 'answer_review', {
    text: 'Темно на детской площадке вечером',
  });
  r.clarified = await fileReport(t, author, { text: 'Не работает освещение где-то рядом' });
  await must(t, staff.moderator, r.clarified.id, 'request-clarification', {
    question: 'Уточните, какой дом вы имеете в виду?',
  });
  await must(t, author, r.clarified.id, 'clarify', {
    answer: 'Дом 12, второй подъезд, секретная подробность',
  });
  r.clarified = await must(t, staff.moderator, r.clarified.id, 'accept');
  return r;
}
