import type { Answer, Question } from '@shared/participation/participation.schemas.ts';
import { useTranslation } from 'react-i18next';

type Props = {
  question: Question;
  /** Its number among the questions shown. */
  number: number;
  answer: Answer | undefined;
  onChange: (answer: Answer) => void;
  error?: string | undefined;
};

/** One question as a resident answers it: a fieldset with its legend, usable by keyboard alone. */
export function QuestionField({ question: q, number, answer, onChange, error }: Props) {
  const { t } = useTranslation();
  const name = `q-${q.id}`;
  const errorId = `${name}-error`;
  const chosen = answer?.optionIds ?? [];
  const set = (patch: Omit<Answer, 'questionId'>) => onChange({ questionId: q.id, ...patch });
  const max = q.maxChoices ?? q.options.length;

  return (
    <fieldset
      className={`question${error ? ' question--invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        <span className="question__number">{number}.</span> {q.text}
        {q.required && <span className="required"> *</span>}
      </legend>
      {q.kind === 'multiple' && <p className="hint">{t('participation.chooseUpTo', { count: max })}</p>}
      {q.kind === 'ranking' && <p className="hint">{t('participation.rankHint')}</p>}

      {(q.kind === 'single' || q.kind === 'multiple') && (
        <ul className="choice-list">
          {q.options.map((o) => {
            const checked = chosen.includes(o.id);
            const full = q.kind === 'multiple' && !checked && chosen.length >= max;
            return (
              <li key={o.id}>
                <label className="checkbox">
                  <input
                    type={q.kind === 'single' ? 'radio' : 'checkbox'}
                    name={name}
                    checked={checked}
                    disabled={full}
                    onChange={(e) =>
                      set({
                        optionIds:
                          q.kind === 'single'
                            ? [o.id]
                            : e.target.checked
                              ? [...chosen, o.id]
                              : chosen.filter((id) => id !== o.id),
                      })
                    }
                  />
                  {o.text}
                </label>
              </li>
            );
          })}
        </ul>
      )}

      {q.kind === 'scale' && q.scale && (
        <div className="scale">
          <span className="scale__end" aria-hidden="true">
            {q.scale.min}
          </span>
          {Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => q.scale!.min + i).map((v) => (
            <label key={v} className="scale__point">
              <input
                type="radio"
                name={name}
                checked={answer?.value === v}
                onChange={() => set({ value: v })}
              />
              <span>{v}</span>
            </label>
          ))}
          <span className="scale__end" aria-hidden="true">
            {q.scale.max}
          </span>
        </div>
      )}

      {q.kind === 'ranking' && (
        <RankingField question={q} ranking={answer?.ranking} onChange={(ranking) => set({ ranking })} />
      )}

      {q.kind === 'text' && (
        <textarea
          aria-label={q.text}
          rows={4}
          maxLength={5000}
          value={answer?.text ?? ''}
          onChange={(e) => set({ text: e.target.value })}
        />
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Ordering by buttons (not dragging): each option moves up or down, and the order is read out. */
function RankingField({
  question,
  ranking,
  onChange,
}: {
  question: Question;
  ranking: string[] | undefined;
  onChange: (ranking: string[]) => void;
}) {
  const { t } = useTranslation();
  const order = ranking ?? question.options.map((o) => o.id);
  const text = (id: string) => question.options.find((o) => o.id === id)?.text ?? '';
  const move = (from: number, to: number) => {
    const next = [...order];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id!);
    onChange(next);
  };
  return (
    <ol className="ranking">
      {order.map((id, i) => (
        <li key={id}>
          <span className="ranking__text">{text(id)}</span>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={i === 0}
            aria-label={t('participation.moveUp', { item: text(id) })}
            onClick={() => move(i, i - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={i === order.length - 1}
            aria-label={t('participation.moveDown', { item: text(id) })}
            onClick={() => move(i, i + 1)}
          >
            ↓
          </button>
        </li>
      ))}
      {!ranking && (
        <li className="ranking__confirm">
          <button type="button" className="button button--small" onClick={() => onChange(order)}>
            {t('participation.keepOrder')}
          </button>
        </li>
      )}
    </ol>
  );
}
