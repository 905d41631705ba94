import type { Db } from '../../db/connection.ts';
import { DAY_MS, fixedClock } from '../../lib/clock.ts';
import type { Actor } from '../../modules/identity/index.ts';
import {
  addItem,
  createPoll,
  createVote,
  moderateItem,
  publishPoll,
  submitPollBallot,
  submitVoteBallot,
} from '../../modules/participation/index.ts';
import type { ReferenceIds } from './reference.ts';

/**
 * Demo participation, made through the same use cases people run: an open survey with a condition
 * and some answers, a closed poll with its results, and a road-repair rating vote in its voting
 * stage with staff items, a moderated proposal and a few ballots. The clock is moved for each step.
 */
export async function seedDemoParticipation(db: Db, ids: ReferenceIds, now: Date): Promise<void> {
  const actor = (email: string, role: Actor['role']): Actor | null => {
    const id = ids.users.get(`${email}@demo.vmeste.local`);
    return id ? { id, role, organisationId: null, territoryId: null } : null;
  };
  const admin = actor('admin', 'admin');
  const residents = ['anna.petrova', 'ivan.orlov', 'galina.semenova']
    .map((r) => actor(r, 'resident'))
    .filter((a): a is Actor => a !== null);
  const nevsky = ids.territories.get('nevsky');
  if (!admin || residents.length < 3 || !nevsky) return;
  const clock = fixedClock(new Date(now.getTime() - 30 * DAY_MS));
  const deps = { db, clock };
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);

  // An open survey about a square, with a follow-up shown only to those who want a playground.
  const survey = await createPoll(deps, admin, {
    title: 'Благоустройство сквера у метро «Ломоносовская»',
    description: 'Город готовит проект сквера. Расскажите, **что важно вам** — ответ займёт пару минут.',
    imageId: null,
    audience: { territoryIds: [], verifiedOnly: false },
    opensAt: at(-3).toISOString(),
    closesAt: at(25).toISOString(),
    ballotChangeable: true,
    resultsVisibility: 'always',
    questions: [
      {
        kind: 'single',
        text: 'Нужна ли в сквере детская площадка?',
        required: true,
        options: [{ text: 'Да' }, { text: 'Нет' }],
      },
      {
        kind: 'text',
        text: 'Для какого возраста детей?',
        required: false,
        showIf: { question: 0, options: [0] },
      },
      {
        kind: 'multiple',
        text: 'Что ещё добавить?',
        required: false,
        maxChoices: 2,
        options: [
          { text: 'Скамейки' },
          { text: 'Освещение' },
          { text: 'Цветники' },
          { text: 'Площадка для собак' },
        ],
      },
      { kind: 'scale', text: 'Как вы оцениваете сквер сейчас?', required: true, scale: { min: 1, max: 5 } },
      {
        kind: 'ranking',
        text: 'Что сделать в первую очередь?',
        required: false,
        options: [{ text: 'Дорожки' }, { text: 'Освещение' }, { text: 'Озеленение' }],
      },
    ],
  });
  await publishPoll(deps, admin, survey.id);
  clock.set(at(-2));
  const [q0, q1, q2, q3, q4] = survey.questions;
  const answers = [
    { yes: 0, age: 'Для малышей 3–7 лет', extras: [0, 1], score: 2, order: [1, 0, 2] },
    { yes: 1, age: null, extras: [3], score: 3, order: [0, 1, 2] },
    { yes: 0, age: 'Для школьников', extras: [1, 2], score: 2, order: [1, 2, 0] },
  ];
  for (const [i, a] of answers.entries())
    await submitPollBallot(deps, residents[i]!, survey.id, {
      answers: [
        { questionId: q0!.id, optionIds: [q0!.options[a.yes]!.id] },
        ...(a.age ? [{ questionId: q1!.id, text: a.age }] : []),
        { questionId: q2!.id, optionIds: a.extras.map((e) => q2!.options[e]!.id) },
        { questionId: q3!.id, value: a.score },
        { questionId: q4!.id, ranking: a.order.map((o) => q4!.options[o]!.id) },
      ],
    });

  // A closed poll of the Nevsky district: its results are public after closing.
  clock.set(at(-25));
  const library = await createPoll(deps, admin, {
    title: 'Часы работы районных библиотек',
    description: 'Когда вам удобнее приходить в библиотеку?',
    imageId: null,
    audience: { territoryIds: [nevsky], verifiedOnly: false },
    opensAt: at(-24).toISOString(),
    closesAt: at(-10).toISOString(),
    ballotChangeable: false,
    resultsVisibility: 'after_close',
    questions: [
      {
        kind: 'single',
        text: 'Какие часы работы удобнее?',
        required: true,
        options: [{ text: '10:00–19:00' }, { text: '12:00–21:00' }, { text: 'По выходным дольше' }],
      },
    ],
  });
  await publishPoll(deps, admin, library.id);
  clock.set(at(-20));
  for (const [i, r] of residents.entries())
    await submitPollBallot(deps, r, library.id, {
      answers: [
        {
          questionId: library.questions[0]!.id,
          optionIds: [library.questions[0]!.options[i === 2 ? 2 : 1]!.id],
        },
      ],
    });

  // A road-repair vote in its voting stage: staff items (road sections), a resident's proposal
  // approved and another rejected, and a few ballots.
  clock.set(at(-21));
  const roads = await createVote(deps, admin, {
    title: 'Ремонт дорог Невского района в 2026 году',
    description: 'Выберите до трёх участков, которые нужно отремонтировать в первую очередь.',
    audience: { territoryIds: [nevsky], verifiedOnly: false },
    proposals: { opensAt: at(-20).toISOString(), closesAt: at(-8).toISOString() },
    voting: { opensAt: at(-7).toISOString(), closesAt: at(14).toISOString() },
    maxChoices: 3,
    resultsVisibility: 'always',
  });
  clock.set(at(-15));
  const proposed = await addItem(deps, residents[0]!, roads.id, {
    title: 'Улица Бабушкина от Ивановской до Ломоносова',
    description: 'Ямы по всей длине, особенно у остановок.',
    geometry: {
      type: 'LineString',
      coordinates: [
        [30.4355, 59.8987],
        [30.4397, 59.8921],
      ],
    },
    photoIds: [],
  });
  const refused = await addItem(deps, residents[1]!, roads.id, {
    title: 'Дорога во дворе дома 5',
    description: 'Внутридворовый проезд.',
    geometry: { type: 'Point', coordinates: [30.4512, 59.9041] },
    photoIds: [],
  });
  clock.set(at(-7.5));
  await moderateItem(deps, admin, roads.id, proposed.id, { decision: 'approve' });
  await moderateItem(deps, admin, roads.id, refused.id, {
    decision: 'reject',
    reason: 'Внутридворовые проезды ремонтирует управляющая компания, а не город.',
  });
  const sections: [string, [number, number][]][] = [
    [
      'Проспект Обуховской Обороны, 70–120',
      [
        [30.4225, 59.8982],
        [30.4341, 59.8861],
      ],
    ],
    [
      'Ивановская улица',
      [
        [30.4446, 59.8778],
        [30.4594, 59.8782],
      ],
    ],
    [
      'Дальневосточный проспект, 10–40',
      [
        [30.4593, 59.9071],
        [30.4699, 59.8968],
      ],
    ],
    [
      'Улица Седова у дома 40',
      [
        [30.4121, 59.8823],
        [30.4183, 59.8772],
      ],
    ],
  ];
  const itemIds = [proposed.id];
  for (const [title, line] of sections)
    itemIds.push(
      (
        await addItem(deps, admin, roads.id, {
          title,
          description: '',
          geometry: { type: 'LineString', coordinates: line },
          photoIds: [],
        })
      ).id,
    );
  clock.set(at(-3));
  const choices = [
    [0, 1, 2],
    [0, 3],
    [2, 4, 0],
  ];
  for (const [i, r] of residents.entries())
    await submitVoteBallot(deps, r, roads.id, { itemIds: choices[i]!.map((c) => itemIds[c]!) });
}
