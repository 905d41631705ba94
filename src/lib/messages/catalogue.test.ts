import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatText } from './format.ts';
import {
  catalogueParts,
  clientMessages,
  errorCatalogue,
  i18nextResources,
  validationMessages,
  validationText,
} from './index.ts';
import type { Locale, MessageText } from './types.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const locales: Locale[] = ['ru', 'en'];

/**
 * The code that can use the catalogue: server and web sources, without tests and without the files
 * that declare the messages (a key counts as used only where something refers to it). Comments are
 * dropped, so a code mentioned only in a comment is still reported as unused.
 */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const dir of ['src', 'web/src']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      const file = `${dir}/${entry}`;
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file) || file.endsWith('.d.ts')) continue;
      if (file.endsWith('.errors.ts') || file.startsWith('src/lib/messages/')) continue;
      out.push({ file, text: withoutComments(readFileSync(join(root, file), 'utf8')) });
    }
  }
  return out;
}

function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('//'))
    .join('\n');
}

const code = sources();
const allCode = code.map((s) => s.text).join('\n');

function matches(pattern: RegExp): string[] {
  return [...allCode.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** `'code'`, `"errors.code"`, `` `code` ``: a string literal that is the code (or its web key). */
function usedAsErrorKey(key: string): boolean {
  return new RegExp(`['"\`](?:errors\\.)?${key}['"\`]`).test(allCode);
}

/** `'vmeste:key'`, `` `vmeste:key:${arg}` `` in schemas and services, `'validation.key'` on the web. */
function usedAsValidationKey(key: string): boolean {
  return new RegExp(`['"\`](?:vmeste:|validation\\.)${key}(?=[:'"\`])`).test(allCode);
}

function placeholders(text: MessageText[Locale]): string[] {
  const forms = typeof text === 'string' ? [text] : Object.values(text);
  return [...new Set(forms.flatMap((f) => [...f.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '')))].sort();
}

const errorCodes = Object.keys(errorCatalogue);
const validationKeys = Object.keys(validationMessages);
const clientKeys = Object.keys(clientMessages);

describe('the message catalogue', () => {
  it('declares every key once, in snake_case', () => {
    const declared = (parts: readonly object[]) => parts.flatMap((p) => Object.keys(p));
    const errorsAndClient = [...declared(catalogueParts.errors), ...declared(catalogueParts.client)];
    const validation = declared(catalogueParts.validation);
    const twice = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
    // Client errors share the web's `errors` namespace with the codes, so they must not clash either.
    expect(twice(errorsAndClient)).toEqual([]);
    expect(twice(validation)).toEqual([]);
    for (const key of [...errorsAndClient, ...validation]) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('gives every error code an HTTP status and a message in Russian and English', () => {
    for (const [key, entry] of Object.entries(errorCatalogue)) {
      expect(entry.status, key).toBeGreaterThanOrEqual(400);
      expect(entry.status, key).toBeLessThan(600);
      expect(entry.ru.trim(), `${key}: ru`).not.toBe('');
      expect(entry.ru, `${key}: ru`).toMatch(/[а-яё]/i);
      expect(entry.en.trim(), `${key}: en`).not.toBe('');
    }
  });

  it('gives every validation and client message both languages, every plural form and the same parameters', () => {
    const all: [string, MessageText][] = [
      ...Object.entries(validationMessages),
      ...Object.entries(clientMessages),
    ];
    for (const [key, entry] of all) {
      for (const locale of locales) {
        const text = entry[locale];
        const forms = typeof text === 'string' ? [text] : Object.values(text);
        for (const form of forms) expect(form.trim(), `${key}: ${locale}`).not.toBe('');
        if (typeof text !== 'string') {
          const expected = locale === 'ru' ? ['few', 'many', 'one', 'other'] : ['one', 'other'];
          expect(Object.keys(text).sort(), `${key}: ${locale} plural forms`).toEqual(expected);
          expect(placeholders(text), `${key}: ${locale} plural without {{count}}`).toContain('count');
        }
      }
      expect(placeholders(entry.en), `${key}: parameters`).toEqual(placeholders(entry.ru));
    }
  });

  it('has a message for every code thrown with AppError', () => {
    const thrown = matches(/new AppError\(\s*['"`]([^'"`]+)['"`]/g);
    expect(thrown.length).toBeGreaterThan(50);
    expect([...new Set(thrown)].filter((c) => !errorCodes.includes(c))).toEqual([]);
  });

  it('has a message for every vmeste: reference and every key the web app looks up', () => {
    const referenced = matches(/vmeste:([a-z0-9_]+)/g);
    expect(referenced.length).toBeGreaterThan(30);
    expect([...new Set(referenced)].filter((k) => !validationKeys.includes(k))).toEqual([]);
    const webValidation = matches(/['"`]validation\.([a-z0-9_]+)['"`]/g);
    expect(webValidation.length).toBeGreaterThan(5);
    expect([...new Set(webValidation)].filter((k) => !validationKeys.includes(k))).toEqual([]);
    const webErrors = matches(/['"`]errors\.([a-z0-9_]+)['"`]/g);
    expect(webErrors.length).toBeGreaterThan(1);
    expect([...new Set(webErrors)].filter((k) => ![...errorCodes, ...clientKeys].includes(k))).toEqual([]);
  });

  it('has no key that nothing uses', () => {
    const unused = [
      ...errorCodes.filter((k) => !usedAsErrorKey(k)),
      ...clientKeys.filter((k) => !usedAsErrorKey(k)),
      ...validationKeys.filter((k) => !usedAsValidationKey(k)),
    ];
    expect(unused).toEqual([]);
  });

  it('is the only home of error and validation messages: the web locale files have none of their own', () => {
    for (const locale of locales) {
      const ui: Record<string, unknown> = JSON.parse(
        readFileSync(join(root, `web/src/locales/${locale}.json`), 'utf8'),
      );
      expect(Object.keys(ui), locale).not.toContain('errors');
      expect(Object.keys(ui), locale).not.toContain('validation');
    }
  });
});

describe('plural forms', () => {
  const counts = [0, 1, 2, 3, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1.5];

  it('follow Russian grammar on the server', () => {
    const say = (count: number) => validationText('vmeste:max_chars', 'ru', { count });
    expect(say(1)).toBe('Не длиннее 1 символа');
    expect(say(21)).toBe('Не длиннее 21 символа');
    expect(say(2)).toBe('Не длиннее 2 символов');
    expect(say(5)).toBe('Не длиннее 5 символов');
    expect(say(11)).toBe('Не длиннее 11 символов');
    expect(say(1.5)).toBe('Не длиннее 1.5 символа');
    expect(validationText('vmeste:max_chars', 'en', { count: 1 })).toBe('At most 1 character');
    expect(validationText('vmeste:max_chars:4000', 'ru')).toBe('Не длиннее 4000 символов');
    expect(validationText('vmeste:open311_not_in_list:a, b', 'en')).toBe('Not one of the values: a, b');
  });

  it('read the same on the server and in the web app’s i18next', async () => {
    for (const locale of locales) {
      const web = i18next.createInstance();
      await web.init({
        lng: locale,
        resources: { [locale]: { translation: i18nextResources(locale) } },
        interpolation: { escapeValue: false },
      });
      for (const [key, entry] of Object.entries(validationMessages)) {
        const text: MessageText[Locale] = entry[locale];
        if (typeof text === 'string') continue;
        for (const count of counts)
          expect(web.t(`validation.${key}`, { count }), `${key} ${locale} ${count}`).toBe(
            formatText(text, locale, { count }),
          );
      }
      expect(web.t('errors.not_found')).toBe(errorCatalogue.not_found[locale]);
    }
  });

  it('leaves an unknown parameter visible', () => {
    expect(formatText('Не больше {{max}}', 'ru', {})).toBe('Не больше {{max}}');
  });
});
