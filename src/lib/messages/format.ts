import type { EnPlural, Locale, RuPlural } from './types.ts';

export type MessageParams = Record<string, string | number>;

const pluralRules: Record<Locale, Intl.PluralRules> = {
  ru: new Intl.PluralRules('ru'),
  en: new Intl.PluralRules('en'),
};

/**
 * Renders one catalogue text the way i18next does on the web: the plural form is chosen by
 * Intl.PluralRules for `params.count`, then `{{name}}` parameters are filled in. An unknown
 * parameter stays visible rather than vanishing, so a missing argument is noticed.
 */
export function formatText(
  text: string | RuPlural | EnPlural,
  locale: Locale,
  params: MessageParams = {},
): string {
  const template = typeof text === 'string' ? text : pluralForm(text, locale, Number(params.count ?? 0));
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function pluralForm(forms: RuPlural | EnPlural, locale: Locale, count: number): string {
  const category = pluralRules[locale].select(count);
  const byCategory: Record<string, string> = forms;
  return byCategory[category] ?? forms.other;
}
