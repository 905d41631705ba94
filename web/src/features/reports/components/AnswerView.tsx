import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { formatDate, formatDateTime } from '../../../lib/format';
import { AnswerQualityFlags } from '../../answers/components/AnswerQualityFlags';
import { PhotoGallery } from './PhotoGallery';

/** The published answer (and, for staff handling it, the draft under review). */
export function AnswerView({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  const answer = report.answer;
  if (!answer) return null;
  const published = answer.status === 'published';
  // A published answer on a report that is disputed, or back in work after the dispute, is no longer
  // the outcome: it is shown as the disputed, earlier answer, never as «Результат: Решено».
  const disputed = published && report.status === 'disputed';
  const superseded =
    published &&
    !disputed &&
    report.status !== 'answered' &&
    report.status !== 'resolved' &&
    report.status !== 'closed';
  const earlier = disputed || superseded;
  return (
    <section
      className={`card answer${published ? '' : ' answer--draft'}${earlier ? ' answer--disputed' : ''}`}
      aria-labelledby="answer-heading"
    >
      <h2 id="answer-heading">
        {disputed
          ? t('answer.disputedTitle')
          : superseded
            ? t('answer.earlierTitle')
            : published
              ? t('answer.title')
              : t('answer.draftTitle', { status: t(`answer.statuses.${answer.status}`) })}
      </h2>
      {earlier && (
        <p className="alert alert--warning">{t(disputed ? 'answer.disputedNote' : 'answer.reopenedNote')}</p>
      )}
      <p className={`answer-result answer-result--${answer.result}`}>
        <span className="label">{t(earlier ? 'answer.earlierResult' : 'answer.result')}: </span>
        {t(`answer.results.${answer.result}`)}
      </p>
      {answer.result === 'planned' && answer.plannedDate && (
        <p>
          <span className="label">{t('answer.plannedDate')}: </span>
          {formatDate(answer.plannedDate)}
        </p>
      )}
      {answer.result === 'rejected' && answer.legalReason && (
        <p>
          <span className="label">{t('answer.legalReason')}: </span>
          {answer.legalReason}
        </p>
      )}
      <p className="prose">{answer.text}</p>
      <PhotoGallery photos={answer.photos} altKey="photos.answerAlt" />
      {!published && <AnswerQualityFlags quality={report.answerQuality} />}
      {answer.reviewComment && !published && (
        <p className="alert alert--warning">
          <span className="label">{t('answer.reviewComment')}: </span>
          {answer.reviewComment}
        </p>
      )}
      {answer.publishedAt && (
        <p className="muted">{t('answer.publishedAt', { date: formatDateTime(answer.publishedAt) })}</p>
      )}
    </section>
  );
}

export function RatingView({ rating }: { rating: NonNullable<ReportDetail['rating']> }) {
  const { t } = useTranslation();
  return (
    <Card title={t('rating.title')} className="rating">
      <p>
        <span className="stars-static" role="img" aria-label={t('rating.stars', { count: rating.score })}>
          {'★'.repeat(rating.score)}
          <span className="stars-static__off">{'★'.repeat(5 - rating.score)}</span>
        </span>{' '}
        {rating.solved ? t('rating.solvedYesShort') : t('rating.solvedNoShort')}
      </p>
      {rating.comment && <p className="prose">{rating.comment}</p>}
    </Card>
  );
}
