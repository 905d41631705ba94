import type { ErrorDefinitions, MessageDefinitions } from '../../lib/messages/types.ts';

/** Error codes of uploaded files and photos: HTTP status and a message in each UI language. */
export const mediaErrors = {
  media_not_found: { status: 404, ru: 'Файл не найден', en: 'File not found' },
  media_unusable: { status: 422, ru: 'Файл нельзя прикрепить', en: 'The file cannot be attached' },
  file_too_large: { status: 413, ru: 'Файл слишком большой', en: 'The file is too large' },
  unsupported_media_type: {
    status: 415,
    ru: 'Файл не является изображением JPEG, PNG, WebP, HEIC или GIF',
    en: 'The file is not a JPEG, PNG, WebP, HEIC or GIF image',
  },
} as const satisfies ErrorDefinitions;

/** Messages of the web photo picker. */
export const mediaValidation = {
  too_many_photos: {
    ru: {
      one: 'Можно приложить не больше {{count}} фото',
      few: 'Можно приложить не больше {{count}} фото',
      many: 'Можно приложить не больше {{count}} фото',
      other: 'Можно приложить не больше {{count}} фото',
    },
    en: { one: 'You can attach at most {{count}} photo', other: 'You can attach at most {{count}} photos' },
  },
} as const satisfies MessageDefinitions;
