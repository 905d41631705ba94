import type { CalendarYearView } from '@shared/calendar/calendar.schemas.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDate } from '../../../lib/format';
import { notify } from '../../../lib/notices';
import { useEditCalendarDay } from '../api/calendar';
import { type DayKind, kindOf } from './MonthGrid';

type Day = CalendarYearView['days'][number];

/** Sets one date: a working day, a shortened one, or a day off (a holiday or a transfer), with a note. */
export function DayEditor({ day, entry }: { day: string; entry: Day | undefined }) {
  const { t } = useTranslation();
  const edit = useEditCalendarDay();
  const [kind, setKind] = useState<Exclude<DayKind, 'off'>>('working');
  const [note, setNote] = useState('');
  useEffect(() => {
    const current = kindOf(day, entry);
    setKind(current === 'off' ? 'holiday' : current);
    setNote(entry?.note ?? '');
  }, [day, entry]);

  const save = async () => {
    await edit.mutateAsync({
      day,
      body: {
        isWorking: kind !== 'holiday',
        isShortened: kind === 'shortened',
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    notify(t('deadlines.saved'), 'success');
  };
  const reset = async () => {
    await edit.mutateAsync({ day, body: null });
    notify(t('deadlines.saved'), 'success');
  };

  return (
    <form
      className="form day-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save().catch(() => undefined);
      }}
    >
      <h3>{formatDate(day)}</h3>
      <fieldset className="fieldset">
        <legend>{t('deadlines.dayKind')}</legend>
        <div className="radio-row">
          {(['working', 'shortened', 'holiday'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`deadlines.kind.${k}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="day-note">{t('deadlines.note')}</label>
        <input id="day-note" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <ErrorMessage error={edit.error} />
      <div className="action-buttons">
        <button type="submit" className="button" disabled={edit.isPending}>
          {t('deadlines.save')}
        </button>
        {entry && (
          <button
            type="button"
            className="button button--secondary"
            disabled={edit.isPending}
            onClick={() => reset().catch(() => undefined)}
          >
            {t('deadlines.reset')}
          </button>
        )}
      </div>
    </form>
  );
}
