import type { Db } from '../../db/connection.ts';
import { DEMO_EMAIL_DOMAIN } from '../../demo/users.ts';
import { DAY_MS, fixedClock } from '../../lib/clock.ts';
import { answerQualityChecks } from '../../modules/answers/index.ts';
import { CalendarStore } from '../../modules/calendar/index.ts';
import {
  addComment,
  createDiscussion,
  type DiscussionsDeps,
  publishResults,
  supportComment,
} from '../../modules/discussions/index.ts';
import { type Actor, findUserByEmail, presentActor } from '../../modules/identity/index.ts';
import {
  type InitiativesDeps,
  moderateInitiative,
  proposeInitiative,
  supportInitiative,
} from '../../modules/initiatives/index.ts';
import { inAppTopicNotifier } from '../../modules/notifications/index.ts';
import type { AppConfig } from '../../server/config.ts';
import type { ReferenceIds } from './reference.ts';

type Clock = ReturnType<typeof fixedClock>;

/**
 * Demo discussions and initiatives, made through the same use cases people run, each step at its own
 * moment: an open discussion of a square's project with residents' comments, a reply, support and
 * the district administration's official answer; a finished one with its published results; an
 * initiative collecting support and another waiting for moderation. Followers and supporters are
 * told in the app as they would be (no e-mail from a seed).
 */
export async function seedDemoDiscussions(
  db: Db,
  ids: ReferenceIds,
  config: Pick<AppConfig, 'disputeWindowDays' | 'regionToleranceMeters'> & {
    participation: Pick<AppConfig['participation'], 'initiativeThreshold' | 'initiativeDays'>;
  },
  now: Date,
): Promise<void> {
  const nevsky = ids.territories.get('nevsky');
  const nevskyAdmin = ids.organisations.get('adm-nevsky');
  const trafficLight = ids.categories.get('traffic-light');
  const parkEquipment = ids.categories.get('park-equipment');
  if (!nevsky || !nevskyAdmin || !trafficLight || !parkEquipment) return;
  const person = async (local: string): Promise<Actor> => {
    const user = await findUserByEmail(db, `${local}@${DEMO_EMAIL_DOMAIN}`);
    if (!user) throw new Error(`demo user ${local} is missing`);
    return presentActor(user);
  };
  const cast = {
    admin: await person('admin'),
    moderator: await person('moderator'),
    officer: await person('operator.nevsky'),
    anna: await person('anna.petrova'),
    ivan: await person('ivan.orlov'),
    galina: await person('galina.semenova'),
  };
  const clock = fixedClock(now);
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const notifier = inAppTopicNotifier();
  const discussions: DiscussionsDeps = { db, clock, audience: { verifiedOnly: false }, notifier };
  // In the order of their moments, so that what they notify lists newest first as it would have.
  await seedCafeRules(discussions, clock, at, cast);
  await seedSquareProject(discussions, clock, at, cast, { nevsky, nevskyAdmin });

  const initiatives: InitiativesDeps = {
    reports: { db, clock, config, answerQuality: answerQualityChecks(), calendar: new CalendarStore() },
    settings: {
      verifiedOnly: false,
      defaultThreshold: config.participation.initiativeThreshold,
      collectDays: config.participation.initiativeDays,
    },
    notifier,
  };
  clock.set(at(-8));
  const light = await proposeInitiative(initiatives, cast.anna, {
    title: 'Светофор на пересечении проспекта Большевиков и улицы Коллонтай',
    text:
      'Через перекрёсток каждое утро идут сотни детей в школу № 340 и в детский сад. Переход без светофора, ' +
      'машины не пропускают пешеходов, в прошлом году здесь сбили подростка. Просим установить светофор ' +
      'с вызывной кнопкой и островок безопасности.',
    categoryId: trafficLight,
    territoryId: nevsky,
    lat: 59.9186,
    lon: 30.4836,
    mediaIds: [],
  });
  clock.set(at(-7));
  await moderateInitiative(initiatives, cast.moderator, light.id, { decision: 'approve' });
  for (const [days, who] of [
    [-6, cast.ivan],
    [-3, cast.galina],
  ] as const) {
    clock.set(at(days));
    await supportInitiative(initiatives, who, light.id);
  }
  clock.set(at(-1));
  await proposeInitiative(initiatives, cast.ivan, {
    title: 'Площадка для выгула собак в парке «Строителей»',
    text:
      'В парке гуляют с собаками на детских площадках и газонах, потому что другого места нет. ' +
      'Просим огородить площадку для выгула собак со снарядами и урнами в дальней части парка.',
    categoryId: parkEquipment,
    territoryId: nevsky,
    mediaIds: [],
  });
}

type Cast = Record<'admin' | 'moderator' | 'officer' | 'anna' | 'ivan' | 'galina', Actor>;

/** An open discussion of the district's project: comments, a reply, support, the official answer. */
async function seedSquareProject(
  deps: DiscussionsDeps,
  clock: Clock,
  at: (days: number) => Date,
  cast: Cast,
  where: { nevsky: string; nevskyAdmin: string },
): Promise<void> {
  clock.set(at(-7));
  const square = await createDiscussion(deps, cast.admin, {
    title: 'Проект благоустройства сквера на улице Дыбенко',
    body: [
      'Администрация Невского района выносит на обсуждение проект сквера у дома 25 по улице Дыбенко.',
      '',
      '## Что предлагается',
      '- новые дорожки с покрытием из гранитного отсева;',
      '- детская площадка для детей 3–12 лет;',
      '- 20 скамеек и 14 опор освещения;',
      '- сохранение всех взрослых деревьев.',
      '',
      '## Сроки',
      'Работы — с мая по сентябрь следующего года. Замечания к проекту принимаются до окончания обсуждения;',
      'по его итогам проект будет доработан, а итоги опубликованы здесь.',
    ].join('\n'),
    territoryId: where.nevsky,
    organisationId: where.nevskyAdmin,
    opensAt: at(-6).toISOString(),
    closesAt: at(24).toISOString(),
    opinionMap: false,
    minParticipants: 15,
    attachmentIds: [],
  });
  const say = async (days: number, who: Actor, text: string, parentId?: string, official = false) => {
    clock.set(at(days));
    return addComment(deps, who, square.id, { text, official, ...(parentId ? { parentId } : {}) });
  };
  const limes = await say(
    -5,
    cast.anna,
    'Хорошо бы сохранить старые липы вдоль дорожки и поставить больше скамеек в тени — летом на солнце сидеть невозможно.',
  );
  await say(
    -4,
    cast.ivan,
    'Поддерживаю про липы. И нужен пандус у входа со стороны остановки: с коляской сейчас не пройти.',
    limes.id,
  );
  const lights = await say(
    -3,
    cast.galina,
    'Просим сделать освещение вдоль всей дорожки до метро, а не только у детской площадки: зимой в пять вечера уже темно.',
  );
  clock.set(at(-3));
  await supportComment(deps, cast.anna, lights.id);
  await supportComment(deps, cast.ivan, lights.id);
  await say(
    -2,
    cast.officer,
    'Спасибо за замечания. Опоры освещения в проекте стоят вдоль всей главной дорожки, включая участок до метро. ' +
      'Пандус у входа со стороны остановки добавим в следующую редакцию проекта; все взрослые липы сохраняются.',
    lights.id,
    true,
  );
}

/** A region-wide discussion that has ended with its results published. */
async function seedCafeRules(
  deps: DiscussionsDeps,
  clock: Clock,
  at: (days: number) => Date,
  cast: Cast,
): Promise<void> {
  clock.set(at(-31));
  const cafes = await createDiscussion(deps, cast.admin, {
    title: 'Правила размещения летних кафе',
    body:
      'Город обновляет правила размещения сезонных кафе: ширина прохода для пешеходов, время работы ' +
      'музыки, внешний вид веранд. Расскажите, что мешает вам и что нравится.',
    territoryId: null,
    organisationId: null,
    opensAt: at(-30).toISOString(),
    closesAt: at(-5).toISOString(),
    opinionMap: false,
    minParticipants: 15,
    attachmentIds: [],
  });
  clock.set(at(-25));
  await addComment(deps, cast.ivan, cafes.id, {
    text: 'Веранды занимают весь тротуар — с коляской приходится выходить на проезжую часть. Нужен проход не меньше двух метров.',
    official: false,
  });
  clock.set(at(-20));
  await addComment(deps, cast.anna, cafes.id, {
    text: 'Музыка на верандах до полуночи мешает спать. Предлагаю выключать её в 22:00, как в жилых домах.',
    official: false,
  });
  clock.set(at(-6));
  await publishResults(
    deps,
    cast.admin,
    cafes.id,
    [
      '## Итоги обсуждения',
      'Поступило 2 предложения; оба учтены в новой редакции правил:',
      '- проход для пешеходов у веранды — не меньше 2 метров;',
      '- музыка на верандах в жилых кварталах — до 22:00.',
    ].join('\n'),
  );
}
