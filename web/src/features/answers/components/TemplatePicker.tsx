import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportTemplates } from '../api/get-report-templates';

type Props = { reportId: string; onPick: (text: string) => void };

/** Picks one of the organisation's templates; its filled-in text replaces the answer text for editing. */
export function TemplatePicker({ reportId, onPick }: Props) {
  const { t } = useTranslation();
  const templates = useReportTemplates(reportId);
  const [chosen, setChosen] = useState('');
  const items = templates.data?.items ?? [];
  if (items.length === 0) return null;
  const pick = () => {
    const found = items.find((i) => i.id === chosen);
    if (found) onPick(found.text);
  };
  return (
    <div className="field template-picker">
      <label htmlFor="answer-template">{t('answerQuality.template')}</label>
      <div className="inline-controls">
        <select id="answer-template" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t('answerQuality.templateNone')}</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
        <button type="button" className="button button--secondary" disabled={!chosen} onClick={pick}>
          {t('answerQuality.templateUse')}
        </button>
      </div>
      <p className="hint">{t('answerQuality.templateHint')}</p>
    </div>
  );
}
