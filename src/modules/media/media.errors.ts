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
  not_a_pdf: {
    status: 415,
    ru: 'Файл назван PDF, но не является PDF-документом',
    en: 'The file is called a PDF but is not a PDF document',
  },
  pdf_too_large: {
    status: 413,
    ru: 'PDF-документ слишком большой',
    en: 'The PDF document is too large',
  },
  active_content_refused: {
    status: 415,
    ru: 'Файлы SVG и HTML не принимаются: они могут содержать исполняемый код',
    en: 'SVG and HTML files are not accepted: they may contain code that runs',
  },
  pdf_active_content: {
    status: 422,
    ru: 'PDF-документ содержит скрипты, запуск программ или вложенные файлы',
    en: 'The PDF document contains scripts, launch actions or embedded files',
  },
  pdf_encrypted: {
    status: 422,
    ru: 'PDF-документ зашифрован или защищён паролем: снимите защиту и загрузите его снова',
    en: 'The PDF document is encrypted or password-protected: remove the protection and upload it again',
  },
  pdf_unreadable: {
    status: 422,
    ru: 'PDF-документ повреждён или не читается: сохраните его заново и загрузите снова',
    en: 'The PDF document is damaged or cannot be read: save it again and upload it once more',
  },
  documents_staff_only: {
    status: 403,
    ru: 'Документы PDF прикладывают сотрудники; жители прикладывают фотографии',
    en: 'PDF documents are attached by staff; residents attach photos',
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
