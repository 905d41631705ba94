import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/**
 * Error codes of staff accounts (invitations, roles and scope, suspension, CSV import): HTTP status
 * and a message in each UI language. Unknown organisations and territories reuse the routing codes.
 */
export const staffAdminErrors = {
  staff_not_found: { status: 404, ru: 'Такой служебной учётной записи нет', en: 'No such staff account' },
  staff_invitation_not_found: { status: 404, ru: 'Такого приглашения нет', en: 'No such invitation' },
  staff_invitation_invalid: {
    status: 400,
    ru: 'Ссылка приглашения недействительна. Попросите администратора прислать новое приглашение',
    en: 'This invitation link is not valid. Ask the administrator for a new invitation',
  },
  staff_invitation_used: {
    status: 409,
    ru: 'Приглашение уже использовано. Войдите со своим паролем',
    en: 'This invitation has already been used. Sign in with your password',
  },
  staff_invitation_expired: {
    status: 410,
    ru: 'Срок действия приглашения истёк. Попросите администратора прислать новое',
    en: 'This invitation has expired. Ask the administrator for a new one',
  },
  staff_invitation_revoked: {
    status: 410,
    ru: 'Приглашение отозвано или заменено новым',
    en: 'This invitation has been revoked or replaced by a newer one',
  },
  staff_account_exists: {
    status: 409,
    ru: 'С этим адресом уже есть учётная запись: измените её роль в списке сотрудников, а не приглашайте заново',
    en: 'An account with this e-mail already exists: change its role in the staff list instead of inviting it',
  },
  staff_role_not_allowed: {
    status: 403,
    ru: 'Вы не можете назначать эту роль',
    en: 'You may not give this role',
  },
  staff_scope_required: {
    status: 422,
    ru: 'Для этой роли укажите область: организацию для оператора, территорию для куратора',
    en: 'This role needs its scope: an organisation for an operator, a territory for a curator',
  },
  staff_scope_not_allowed: {
    status: 422,
    ru: 'Эта роль действует во всём регионе: организация и территория не указываются',
    en: 'This role covers the whole region: give no organisation or territory',
  },
  staff_out_of_scope: {
    status: 403,
    ru: 'Организация вне вашей территории',
    en: 'This organisation is outside your territory',
  },
  staff_self_suspend: {
    status: 409,
    ru: 'Нельзя приостановить собственную учётную запись',
    en: 'You cannot suspend your own account',
  },
  staff_last_admin: {
    status: 409,
    ru: 'Это последний действующий администратор: сначала назначьте другого',
    en: 'This is the last active administrator: appoint another one first',
  },
  staff_already_suspended: {
    status: 409,
    ru: 'Учётная запись уже приостановлена',
    en: 'The account is already suspended',
  },
  staff_not_suspended: {
    status: 409,
    ru: 'Учётная запись не приостановлена',
    en: 'The account is not suspended',
  },
  staff_import_invalid: {
    status: 422,
    ru: 'В файле есть ошибки: никто не приглашён. Исправьте строки из списка и загрузите файл снова',
    en: 'The file has errors: nobody was invited. Fix the lines listed and upload the file again',
  },
  staff_import_header: {
    status: 422,
    ru: 'В первой строке файла нужны столбцы email, name, role и organisation или territory',
    en: 'The first line of the file needs the columns email, name, role and organisation or territory',
  },
  staff_import_email_invalid: { status: 422, ru: 'Неверный адрес почты', en: 'Not a valid e-mail address' },
  staff_import_name_invalid: {
    status: 422,
    ru: 'Имя: от 2 до 120 символов',
    en: 'The name must be 2 to 120 characters',
  },
  staff_import_role_invalid: {
    status: 422,
    ru: 'Неизвестная роль (moderator, operator, curator, analyst, admin)',
    en: 'Unknown role (moderator, operator, curator, analyst, admin)',
  },
  staff_import_duplicate: {
    status: 422,
    ru: 'Этот адрес уже встречался в файле выше',
    en: 'This e-mail already appears on an earlier line',
  },
  staff_import_too_many: {
    status: 413,
    ru: 'Слишком много строк: не больше 1000 за один раз',
    en: 'Too many lines: at most 1,000 at a time',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the staff schemas. */
export const staffAdminValidation = {
  staff_csv_empty: { ru: 'Файл пуст', en: 'The file is empty' },
} as const satisfies MessageDefinitions;
