import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of reports and their processing (actions, redirects, answers, ratings, deadline extensions): HTTP status and a message in each UI language. */
export const reportsErrors = {
  report_not_found: { status: 404, ru: 'Сообщение не найдено', en: 'Report not found' },
  invalid_transition: {
    status: 409,
    ru: 'Это действие недоступно в текущем статусе сообщения',
    en: 'This action is not available in the report’s current status',
  },
  category_unchanged: {
    status: 422,
    ru: 'Сообщение уже в этой подкатегории',
    en: 'The report is already in this subject',
  },
  dispute_window_closed: {
    status: 409,
    ru: 'Срок для оспаривания ответа истёк',
    en: 'The time to dispute this answer has passed',
  },
  already_rated: { status: 409, ru: 'Вы уже оценили этот ответ', en: 'You have already rated this answer' },
  redirect_same_organisation: {
    status: 422,
    ru: 'Сообщение уже у этой организации — выберите другую',
    en: 'The report is already with this organisation — choose another one',
  },
  redirect_binding_decision: {
    status: 409,
    ru: 'Организацию назначил куратор, его решение обязательно: переадресация невозможна',
    en: 'The curator assigned this organisation and the decision binds: the report cannot be redirected',
  },
  appeal_redirect_window_closed: {
    status: 409,
    ru: 'Обращение можно перенаправить только в течение 7 дней со дня регистрации (59-ФЗ, ст. 8) — теперь на него нужно ответить',
    en: 'An appeal may be redirected only within 7 days of its registration (59-FZ, art. 8) — it must now be answered',
  },
  deadline_not_running: {
    status: 409,
    ru: 'У сообщения нет текущего срока ответа, продлевать нечего',
    en: 'The report has no running answer deadline to extend',
  },
  deadline_already_extended: {
    status: 409,
    ru: 'Срок ответа уже продлевался: продлить можно только один раз',
    en: 'The deadline has already been extended: it may be extended only once',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the report schemas (and of the web report form: district, address). */
export const reportsValidation = {
  full_name: {
    ru: 'Укажите фамилию, имя и (при наличии) отчество',
    en: 'Enter your surname, first name and patronymic (if any)',
  },
  appellant_required: {
    ru: 'Для обращения по 59-ФЗ укажите ФИО и адрес для ответа',
    en: 'An appeal under 59-FZ needs your full name and an address for the answer',
  },
  answer_address_required: {
    ru: 'Укажите адрес электронной почты или почтовый адрес для ответа',
    en: 'Give an e-mail or a postal address for the answer',
  },
  appellant_only_for_appeals: {
    ru: 'Данные заявителя указываются только в обращении по 59-ФЗ',
    en: 'Appellant details belong to an appeal under 59-FZ only',
  },
  bbox: {
    ru: 'Ожидается bbox: minLon,minLat,maxLon,maxLat',
    en: 'Expected bbox: minLon,minLat,maxLon,maxLat',
  },
  planned_date_required: {
    ru: 'Для результата «запланировано» укажите дату',
    en: 'A planned answer needs a date',
  },
  legal_reason_required: {
    ru: 'Для отказа укажите правовое основание',
    en: 'A rejection needs a legal reason',
  },
  extension_days_range: {
    ru: 'Продлить можно на 1–30 дней',
    en: 'A deadline can be extended by 1 to 30 days',
  },
  page_too_deep: {
    ru: 'Страницы с номером доступны на глубину до 10 000 сообщений; дальше используйте cursor (nextCursor)',
    en: 'Page numbers reach 10,000 reports deep; beyond that follow the cursor (nextCursor)',
  },
  cursor: {
    ru: 'Недействительный cursor: передайте nextCursor из предыдущего ответа',
    en: 'Invalid cursor: pass the nextCursor of the previous response',
  },
  district_required: { ru: 'Выберите район', en: 'Choose a district' },
  address_required: { ru: 'Укажите адрес', en: 'Enter the address' },
} as const satisfies MessageDefinitions;
