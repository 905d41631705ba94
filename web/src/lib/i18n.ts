import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
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
  resources: { ru: { translation: ru }, en: { translation: en } },
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
