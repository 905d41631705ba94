import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { i18nextResources } from '../../../src/lib/messages/index.ts';
import en from '../locales/en.json';
import ru from '../locales/ru.json';
import { setLanguageProvider } from './api-client';
import { zodErrorMap } from './zod-messages';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'vmeste.lang';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'ru';
}

void i18n.use(initReactI18next).init({
  // UI strings come from the web's own files; `errors.*` and `validation.*` from the one catalogue
  // the server answers with, so a message is never written twice.
  resources: {
    ru: { translation: { ...ru, ...i18nextResources('ru') } },
    en: { translation: { ...en, ...i18nextResources('en') } },
  },
  lng: storedLanguage(),
  fallbackLng: 'ru',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  returnNull: false,
});

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // Storage may be disabled (private mode); the language then lasts for this visit only.
  }
}

applyLanguage(currentLanguage());
i18n.on('languageChanged', applyLanguage);
setLanguageProvider(currentLanguage);
z.config({ customError: zodErrorMap });

export { i18n };
