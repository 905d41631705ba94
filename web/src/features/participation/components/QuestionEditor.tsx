import { type QuestionKind, questionKinds } from '@shared/participation/kinds.schemas.ts';
import { useTranslation } from 'react-i18next';
import { type DraftQuestion, hasOptions, newKey } from './poll-draft';

type Props = {
  question: DraftQuestion;
  index: number;
  count: number;
  /** Earlier choice questions a condition may name. */
  earlier: DraftQuestion[];
  onChange: (q: DraftQuestion) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** Problems the server listed for this question (by field). */
  errors: Map<string, string>;
};

/** One question in the poll builder: its kind, text, options, bounds and condition. */
export function QuestionEditor({
  question: q,
  index,
  count,
  earlier,
  onChange,
  onMove,
  onRemove,
  errors,
}: Props) {
  const { t } = useTranslation();
  const id = `question-${q.key}`;
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...q, ...patch });
  const err = (field: string) => errors.get(field);
  const target = earlier.find((e) => e.key === q.showIf?.questionKey);

  const changeKind = (kind: QuestionKind) =>
    set({
      kind,
      options: hasOptions(kind)
        ? q.options.length >= 2
          ? q.options
          : [
              { key: newKey(), text: '' },
              { key: newKey(), text: '' },
            ]
        : [],
    });

  return (
    <fieldset className="question-editor">
      <legend>{t('participation.questionN', { n: index + 1 })}</legend>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('participation.questionText')}</label>
        <input
          id={`${id}-text`}
          value={q.text}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={err('text') ? true : undefined}
        />
        {err('text') && <p className="field-error">{err('text')}</p>}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('participation.kind')}</label>
          <select
            id={`${id}-kind`}
            value={q.kind}
            onChange={(e) => changeKind(e.target.value as QuestionKind)}
          >
            {questionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`participation.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
          {t('participation.required')}
        </label>
      </div>

      {hasOptions(q.kind) && (
        <fieldset className="options-editor">
          <legend>{t('participation.options')}</legend>
          <ol>
            {q.options.map((o, i) => (
              <li key={o.key}>
                <input
                  aria-label={t('participation.optionN', { n: i + 1 })}
                  value={o.text}
                  onChange={(e) =>
                    set({
                      options: q.options.map((x) => (x.key === o.key ? { ...x, text: e.target.value } : x)),
                    })
                  }
                />
                <button
                  type="button"
                  className="button button--small button--secondary"
                  disabled={q.options.length <= 2}
                  aria-label={t('participation.removeOption', { n: i + 1 })}
                  onClick={() => set({ options: q.options.filter((x) => x.key !== o.key) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ol>
          {err('options') && <p className="field-error">{err('options')}</p>}
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => set({ options: [...q.options, { key: newKey(), text: '' }] })}
          >
            {t('participation.addOption')}
          </button>
        </fieldset>
      )}
      {q.kind === 'multiple' && (
        <div className="field">
          <label htmlFor={`${id}-max`}>{t('participation.maxChoices')}</label>
          <input
            id={`${id}-max`}
            type="number"
            min={1}
            max={q.options.length}
            value={q.maxChoices ?? q.options.length}
            onChange={(e) => set({ maxChoices: Number(e.target.value) || null })}
          />
          {err('maxChoices') && <p className="field-error">{err('maxChoices')}</p>}
        </div>
      )}
      {q.kind === 'scale' && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-min`}>{t('participation.scaleMin')}</label>
            <input
              id={`${id}-min`}
              type="number"
              value={q.scaleMin}
              onChange={(e) => set({ scaleMin: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-smax`}>{t('participation.scaleMax')}</label>
            <input
              id={`${id}-smax`}
              type="number"
              value={q.scaleMax}
              onChange={(e) => set({ scaleMax: Number(e.target.value) })}
            />
          </div>
          {err('scale.max') && <p className="field-error">{err('scale.max')}</p>}
        </div>
      )}

      {earlier.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-showif`}>{t('participation.showIf')}</label>
          <select
            id={`${id}-showif`}
            value={q.showIf?.questionKey ?? ''}
            onChange={(e) =>
              set({ showIf: e.target.value ? { questionKey: e.target.value, optionKeys: [] } : null })
            }
          >
            <option value="">{t('participation.always')}</option>
            {earlier.map((e) => (
              <option key={e.key} value={e.key}>
                {e.text || t('participation.untitled')}
              </option>
            ))}
          </select>
          {target && (
            <fieldset className="showif-options">
              <legend>{t('participation.showIfOptions')}</legend>
              {target.options.map((o) => (
                <label key={o.key} className="checkbox">
                  <input
                    type="checkbox"
                    checked={q.showIf?.optionKeys.includes(o.key) ?? false}
                    onChange={(e) =>
                      set({
                        showIf: {
                          questionKey: target.key,
                          optionKeys: e.target.checked
                            ? [...(q.showIf?.optionKeys ?? []), o.key]
                            : (q.showIf?.optionKeys ?? []).filter((k) => k !== o.key),
                        },
                      })
                    }
                  />
                  {o.text || t('participation.untitled')}
                </label>
              ))}
            </fieldset>
          )}
          {(err('showIf.question') || err('showIf.options')) && (
            <p className="field-error">{err('showIf.question') ?? err('showIf.options')}</p>
          )}
        </div>
      )}

      <div className="form-actions">
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          {t('participation.moveQuestionUp')}
        </button>
        <button
          type="button"
          className="button button--small button--secondary"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          {t('participation.moveQuestionDown')}
        </button>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={count <= 1}
          onClick={onRemove}
        >
          {t('participation.removeQuestion')}
        </button>
      </div>
    </fieldset>
  );
}
