import { visibleQuestionIds } from '@shared/participation/kinds.schemas.ts';
import type { Answer, Question } from '@shared/participation/participation.schemas.ts';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { ApiError } from '../../../lib/api-client';
import { QuestionField } from './QuestionField';

type Props = {
  questions: Question[];
  initial?: Answer[] | undefined;
  /** Absent in a preview: the form can be filled in but not sent. */
  onSubmit?: (answers: Answer[]) => void;
  pending?: boolean;
  error?: unknown;
};

const isAnswered = (a: Answer | undefined) =>
  Boolean(
    a && ((a.optionIds?.length ?? 0) > 0 || a.value !== undefined || a.ranking || (a.text ?? '').trim()),
  );

/**
 * Answering a poll on a phone: one question at a time (the default) or all at once, with the
 * progress shown; conditional questions appear and disappear as they apply.
 */
export function PollAnswerForm({ questions, initial, onSubmit, pending, error }: Props) {
  const { t } = useTranslation();
  const modeName = useId();
  const [mode, setMode] = useState<'one' | 'all'>('one');
  const [answers, setAnswers] = useState<Record<string, Answer>>(() =>
    Object.fromEntries((initial ?? []).map((a) => [a.questionId, a])),
  );
  const [step, setStep] = useState(0);
  const [missing, setMissing] = useState<string | null>(null);
  const stepHeading = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => {
    const ids = visibleQuestionIds(questions, (id) => answers[id]?.optionIds ?? []);
    return questions.filter((q) => ids.has(q.id));
  }, [questions, answers]);
  const answered = visible.filter((q) => isAnswered(answers[q.id])).length;
  const current = visible[Math.min(step, visible.length - 1)];

  // Server problems point at `answers.N` (the index in what was sent) or `questions.N`.
  const sent = useRef<Answer[]>([]);
  const serverErrors = new Map<string, string>();
  if (error instanceof ApiError)
    for (const d of error.details) {
      const m = /^(answers|questions)\.(\d+)/.exec(d.path);
      if (!m) continue;
      const id = m[1] === 'answers' ? sent.current[Number(m[2])]?.questionId : questions[Number(m[2])]?.id;
      if (id) serverErrors.set(id, d.message);
    }
  const errorOf = (q: Question) =>
    missing === q.id ? t('participation.requiredAnswer') : serverErrors.get(q.id);

  const change = (a: Answer) => {
    setMissing(null);
    setAnswers((prev) => ({ ...prev, [a.questionId]: a }));
  };

  const next = () => {
    if (current?.required && !isAnswered(answers[current.id])) {
      setMissing(current.id);
      return;
    }
    setStep((s) => Math.min(s + 1, visible.length - 1));
    stepHeading.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const firstMissing = visible.find((q) => q.required && !isAnswered(answers[q.id]));
    if (firstMissing) {
      setMissing(firstMissing.id);
      setStep(visible.indexOf(firstMissing));
      return;
    }
    const list = visible.map((q) => answers[q.id]).filter((a): a is Answer => isAnswered(a));
    sent.current = list;
    onSubmit?.(list);
  };

  const last = step >= visible.length - 1;
  return (
    <form className="poll-form" onSubmit={submit} noValidate>
      <fieldset className="segmented">
        <legend>{t('participation.answerMode')}</legend>
        <label className="radio">
          <input type="radio" name={modeName} checked={mode === 'one'} onChange={() => setMode('one')} />
          {t('participation.oneAtATime')}
        </label>
        <label className="radio">
          <input type="radio" name={modeName} checked={mode === 'all'} onChange={() => setMode('all')} />
          {t('participation.allAtOnce')}
        </label>
      </fieldset>
      <div className="poll-progress">
        <label htmlFor={`${modeName}-progress`}>
          {t('participation.progress', { answered, total: visible.length })}
        </label>
        <progress id={`${modeName}-progress`} max={visible.length} value={answered} />
      </div>

      {mode === 'one' && current && (
        <div className="poll-step" ref={stepHeading} tabIndex={-1} aria-live="polite">
          <p className="muted">{t('participation.questionOf', { n: step + 1, total: visible.length })}</p>
          <QuestionField
            question={current}
            number={step + 1}
            answer={answers[current.id]}
            onChange={change}
            error={errorOf(current)}
          />
        </div>
      )}
      {mode === 'all' &&
        visible.map((q, i) => (
          <QuestionField
            key={q.id}
            question={q}
            number={i + 1}
            answer={answers[q.id]}
            onChange={change}
            error={errorOf(q)}
          />
        ))}

      <ErrorMessage
        error={error}
        fields={[...serverErrors.keys()].length > 0 ? ['answers', 'questions'] : []}
      />
      <div className="form-actions">
        {mode === 'one' && step > 0 && (
          <button type="button" className="button button--secondary" onClick={() => setStep((s) => s - 1)}>
            {t('participation.back')}
          </button>
        )}
        {mode === 'one' && !last && (
          <button type="button" className="button" onClick={next}>
            {t('participation.next')}
          </button>
        )}
        {(mode === 'all' || last) && onSubmit && (
          <button type="submit" className="button" disabled={pending}>
            {t('participation.submitBallot')}
          </button>
        )}
        {(mode === 'all' || last) && !onSubmit && <p className="muted">{t('participation.previewNote')}</p>}
      </div>
    </form>
  );
}
