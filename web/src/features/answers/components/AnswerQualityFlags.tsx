import type { AnswerQuality } from '@shared/answers/answers.schemas.ts';
import { useTranslation } from 'react-i18next';
import { localName } from '../../../lib/format';

/**
 * Likely non-answers found when the answer went to review. Staff only (the server sends them to
 * nobody else); the reviewer decides: publish anyway or return the answer.
 */
export function AnswerQualityFlags({ quality }: { quality: AnswerQuality | null }) {
  const { t } = useTranslation();
  if (!quality) return null;
  if (quality.flags.length === 0)
    return <p className="alert alert--success answer-quality">{t('answerQuality.noFlags')}</p>;
  return (
    <div className="alert alert--warning answer-quality" role="note" aria-labelledby="answer-quality-heading">
      <p id="answer-quality-heading" className="label">
        {t('answerQuality.flagsTitle', { count: quality.flags.length })}
      </p>
      <ul>
        {quality.flags.map((f) => (
          <li key={f.code} data-flag={f.code}>
            {localName(f.reason)}
          </li>
        ))}
      </ul>
      <p className="hint">{t('answerQuality.reviewerDecides')}</p>
    </div>
  );
}
