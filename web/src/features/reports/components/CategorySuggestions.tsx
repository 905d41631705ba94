import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useCategories } from '../../reference/api/get-categories';
import { SUGGEST_MIN_CHARS, useCategorySuggestions } from '../api/suggest-categories';

type Props = {
  text: string;
  lat?: number;
  lon?: number;
  /** The subject chosen in the form: its button is shown as pressed. */
  value: string;
  onPick: (categoryId: string) => void;
};

/** Subjects the model gives almost no chance are noise, not suggestions. */
const MIN_PROBABILITY = 0.05;

/** Rounded, so that nudging the point on the map does not ask again for every metre. */
const coarse = (v: number | undefined) =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) / 1000 : undefined;

/**
 * "Perhaps it is:" — up to three subjects the classifier suggests for the text being typed. Asks
 * after a pause in typing; shows nothing when the text is short, the model has nothing to say or
 * the request fails (offline included). A polite live region announces each new set.
 */
export function CategorySuggestions({ text, lat, lon, value, onPick }: Props) {
  const { t } = useTranslation();
  const labelId = useId();
  const typed = useDebouncedValue(text.trim(), 300);
  const input = { text: typed, lat: coarse(lat), lon: coarse(lon) };
  const suggestions = useCategorySuggestions(input);
  const categories = useCategories();

  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const shown =
    text.trim().length >= SUGGEST_MIN_CHARS && typed.length >= SUGGEST_MIN_CHARS
      ? (suggestions.data ?? []).flatMap((s) => {
          if (s.p < MIN_PROBABILITY) return [];
          const subject = byId.get(s.categoryId);
          const topic = subject?.parentId ? byId.get(subject.parentId) : undefined;
          if (!subject || !topic) return [];
          const names = { topic: localName(topic.name), subject: localName(subject.name) };
          return [{ id: subject.id, ...names, name: t('suggestions.option', names) }];
        })
      : [];

  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {shown.length > 0
          ? t('suggestions.announce', { count: shown.length, list: shown.map((s) => s.name).join('; ') })
          : ''}
      </p>
      {/* While the answer for the new text is on its way the last one stays (no flicker), dimmed and
          not to be pressed: the new answer may order the subjects differently, and a click meant for
          one would land on another. */}
      {shown.length > 0 && (
        <fieldset
          className="suggestions__group"
          aria-labelledby={labelId}
          aria-busy={suggestions.isPlaceholderData}
          disabled={suggestions.isPlaceholderData}
        >
          <p className="suggestions__label" id={labelId}>
            {t('suggestions.label')}
          </p>
          <ul className="suggestions__list">
            {shown.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="suggestion"
                  aria-pressed={s.id === value}
                  aria-label={s.name}
                  onClick={() => onPick(s.id)}
                >
                  <span className="suggestion__topic">{s.topic} ›</span>{' '}
                  <span className="suggestion__subject">{s.subject}</span>
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </>
  );
}
