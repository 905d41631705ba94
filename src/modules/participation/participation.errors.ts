import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of polls and rating votes: HTTP status and a message in each UI language. */
export const participationErrors = {
  poll_not_open: {
    status: 409,
    ru: 'Голосование ещё не открыто',
    en: 'Voting has not opened yet',
  },
  poll_closed: { status: 409, ru: 'Голосование уже завершено', en: 'Voting has closed' },
  verification_required: {
    status: 403,
    ru: 'Участвовать могут только жители с подтверждённым адресом: подтвердите его через Госуслуги в профиле',
    en: 'Only residents with a verified address may take part: verify it with Gosuslugi in your profile',
  },
  ballot_change_not_allowed: {
    status: 409,
    ru: 'Вы уже проголосовали; изменить ответ в этом опросе нельзя',
    en: 'You have already voted; this poll does not allow changing a ballot',
  },
  too_many_choices: { status: 422, ru: 'Выбрано слишком много вариантов', en: 'Too many options chosen' },
  required_answer_missing: {
    status: 422,
    ru: 'Ответьте на обязательный вопрос',
    en: 'Please answer the required question',
  },
  answer_to_hidden_question: {
    status: 422,
    ru: 'Этот вопрос не показывается при ваших ответах',
    en: 'This question is not shown for your answers',
  },
  unknown_option: { status: 422, ru: 'Такого варианта нет', en: 'No such option' },
  questions_locked: {
    status: 409,
    ru: 'Вопросы нельзя менять: по опросу уже есть ответы',
    en: 'The questions cannot change: the poll already has ballots',
  },
  scale_out_of_range: {
    status: 422,
    ru: 'Оценка вне шкалы',
    en: 'The value is outside the scale',
  },
  ranking_not_permutation: {
    status: 422,
    ru: 'Расставьте все варианты по порядку, каждый один раз',
    en: 'Rank every option exactly once',
  },
  answer_kind_mismatch: {
    status: 422,
    ru: 'Ответ не подходит к типу вопроса',
    en: 'The answer does not fit the kind of question',
  },
  results_not_public: {
    status: 403,
    ru: 'Результаты пока не опубликованы',
    en: 'The results are not public yet',
  },
  poll_not_draft: {
    status: 409,
    ru: 'Опрос уже опубликован',
    en: 'The poll is already published',
  },
  proposals_not_open: {
    status: 409,
    ru: 'Приём предложений сейчас закрыт',
    en: 'Proposals are not being accepted now',
  },
  item_already_moderated: {
    status: 409,
    ru: 'Предложение уже рассмотрено',
    en: 'The proposal has already been moderated',
  },
  voting_not_closed: {
    status: 409,
    ru: 'Итоги можно объявить только после завершения голосования',
    en: 'Winners can be published only after voting closes',
  },
  voting_started: {
    status: 409,
    ru: 'Голосование уже началось: список пунктов менять нельзя',
    en: 'Voting has started: the list of items cannot change',
  },
  winners_already_published: {
    status: 409,
    ru: 'Итоги уже объявлены',
    en: 'The winners have already been published',
  },
  territory_out_of_scope: {
    status: 403,
    ru: 'Эта территория вне вашей зоны ответственности',
    en: 'This territory is outside your scope',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the participation schemas. */
export const participationValidation = {
  show_if_forward: {
    ru: 'Условие может ссылаться только на один из предыдущих вопросов',
    en: 'A condition may refer only to an earlier question',
  },
  show_if_kind: {
    ru: 'Условие может ссылаться только на вопрос с выбором вариантов',
    en: 'A condition may refer only to a choice question',
  },
  show_if_option: {
    ru: 'В условии указан несуществующий вариант',
    en: 'The condition names an option that does not exist',
  },
  options_needed: {
    ru: 'Нужно не меньше двух вариантов ответа',
    en: 'At least two options are needed',
  },
  options_not_allowed: {
    ru: 'У вопроса этого типа нет вариантов',
    en: 'This kind of question has no options',
  },
  scale_needed: { ru: 'Укажите границы шкалы', en: 'Give the bounds of the scale' },
  scale_order: {
    ru: 'Верхняя граница шкалы должна быть больше нижней',
    en: 'The top of the scale must be above its bottom',
  },
  max_choices_range: {
    ru: 'Максимум выбора — от 1 до числа вариантов',
    en: 'The maximum must be between 1 and the number of options',
  },
  window_order: {
    ru: 'Окончание должно быть позже начала',
    en: 'The end must come after the start',
  },
  stages_order: {
    ru: 'Голосование начинается после приёма предложений',
    en: 'Voting starts after the proposal stage ends',
  },
  unknown_territory: { ru: 'Такой территории нет', en: 'No such territory' },
  unknown_item: { ru: 'Такого пункта нет', en: 'No such item' },
  duplicate_choice: { ru: 'Вариант выбран дважды', en: 'An option is chosen twice' },
} as const satisfies MessageDefinitions;
