import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of sign-in and accounts, OpenID Connect included: HTTP status and a message in each UI language. */
export const identityErrors = {
  invalid_credentials: { status: 401, ru: 'Неверная почта или пароль', en: 'Wrong e-mail or password' },
  /** OIDC sign-in only: password registration never says an address is taken. */
  email_taken: {
    status: 409,
    ru: 'Этот адрес почты уже зарегистрирован',
    en: 'This e-mail is already registered',
  },
  email_not_confirmed: {
    status: 403,
    ru: 'Подтвердите адрес почты: мы отправили новую ссылку',
    en: 'Please confirm your e-mail address: we have sent a new link',
  },
  account_locked: {
    status: 429,
    ru: 'Слишком много неудачных попыток входа. Вход временно заблокирован, попробуйте позже или сбросьте пароль',
    en: 'Too many failed sign-in attempts. Sign-in is locked for a while: try later or reset your password',
  },
  account_suspended: {
    status: 403,
    ru: 'Учётная запись приостановлена администратором. Обратитесь к администратору платформы',
    en: 'This account has been suspended by an administrator. Please contact the platform administrator',
  },
  current_password_wrong: {
    status: 400,
    ru: 'Текущий пароль указан неверно',
    en: 'The current password is wrong',
  },
  password_unchanged: {
    status: 400,
    ru: 'Новый пароль совпадает с текущим: придумайте другой',
    en: 'The new password is the same as the current one: choose another',
  },
  email_unchanged: {
    status: 400,
    ru: 'Это и есть текущий адрес учётной записи',
    en: 'This is already the account’s address',
  },
  account_token_invalid: {
    status: 400,
    ru: 'Ссылка недействительна, истекла или уже использована. Запросите новую',
    en: 'This link is invalid, has expired or has already been used. Please ask for a new one',
  },
  oidc_disabled: {
    status: 404,
    ru: 'Вход через внешнего поставщика не настроен',
    en: 'Sign-in with an external provider is not configured',
  },
  oidc_state_invalid: {
    status: 400,
    ru: 'Ссылка входа недействительна или уже использована. Начните вход заново',
    en: 'This sign-in link is invalid or has already been used. Please start again',
  },
  oidc_flow_expired: {
    status: 400,
    ru: 'Время на вход истекло. Начните вход заново',
    en: 'The sign-in took too long. Please start again',
  },
  oidc_access_denied: {
    status: 403,
    ru: 'Вход отменён: вы не разрешили передать данные',
    en: 'Sign-in cancelled: you did not allow your data to be shared',
  },
  oidc_provider_error: {
    status: 502,
    ru: 'Поставщик входа вернул ошибку. Попробуйте ещё раз',
    en: 'The sign-in provider returned an error. Please try again',
  },
  oidc_provider_unavailable: {
    status: 503,
    ru: 'Поставщик входа недоступен. Попробуйте позже',
    en: 'The sign-in provider is unavailable. Please try later',
  },
  oidc_token_invalid: {
    status: 401,
    ru: 'Ответ поставщика входа не прошёл проверку (подпись, nonce, издатель или срок). Войдите заново',
    en: 'The sign-in provider’s answer failed verification (signature, nonce, issuer or expiry). Please sign in again',
  },
  oidc_email_missing: {
    status: 422,
    ru: 'Поставщик входа не передал адрес почты. Разрешите его передачу',
    en: 'The sign-in provider did not share your e-mail. Please allow sharing it',
  },
  oidc_email_unverified: {
    status: 403,
    ru: 'Адрес почты не подтверждён у поставщика входа. Подтвердите его там или войдите по паролю',
    en: 'Your e-mail is not verified at the sign-in provider. Verify it there or sign in with your password',
  },
  oidc_identity_in_use: {
    status: 409,
    ru: 'Эта внешняя учётная запись уже связана с другим пользователем. Примите приглашение с паролем или другой учётной записью',
    en: 'This external identity is already linked to another user. Accept the invitation with a password or another identity',
  },
  oidc_staff_link_refused: {
    status: 403,
    ru: 'Служебная учётная запись не связывается с внешним входом автоматически. Войдите по паролю',
    en: 'A staff account is not linked to external sign-in automatically. Sign in with your password',
  },
  oidc_identity_taken: {
    status: 409,
    ru: 'Эта внешняя учётная запись уже связана с другим пользователем. Войдите через неё, чтобы попасть в ту учётную запись',
    en: 'This external identity is already linked to another user. Sign in with it to reach that account',
  },
  oidc_link_session_mismatch: {
    status: 403,
    ru: 'Подтверждение можно закончить только в той учётной записи, в которой его начали. Войдите в неё и начните заново',
    en: 'A verification can only be finished in the account that started it. Sign in to it and start again',
  },
  oidc_link_residents_only: {
    status: 403,
    ru: 'Служебные учётные записи связываются с внешним входом только через приглашение',
    en: 'Staff accounts are linked to external sign-in through an invitation only',
  },
} as const satisfies ErrorDefinitions;

/** `vmeste:<key>` messages of the sign-in schemas. */
export const identityValidation = {
  local_path: {
    ru: 'Ожидается путь на этом сайте, начинающийся с «/»',
    en: 'Expected a path on this site starting with “/”',
  },
} as const satisfies MessageDefinitions;

/** Shown by the web app when external sign-in failed with a code it has no message for. */
export const identityClientErrors = {
  oidc_failed: {
    ru: 'Не удалось войти через внешнего поставщика. Попробуйте ещё раз.',
    en: 'Signing in with the external provider failed. Please try again.',
  },
} as const satisfies MessageDefinitions;
