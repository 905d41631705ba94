import type { Category, Organisation } from '@shared/reference/reference.schemas.ts';
import type { ReportEvent } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { formatDate, formatDateTime, localName } from '../../../lib/format';
import { MergeEventLinks } from '../../duplicates/components/MergeEventLinks';
import { useCategories } from '../../reference/api/get-categories';
import { useOrganisations } from '../../reference/api/get-organisations';
import { useReportEvents } from '../api/get-report-events';

/** Text fields an event's payload may carry that are worth showing (comments, reasons, questions). */
const payloadTexts = ['comment', 'reason', 'question', 'answer'] as const;

function EventItem({
  event,
  organisations,
  categories,
}: {
  event: ReportEvent;
  organisations: Organisation[];
  categories: Category[];
}) {
  const { t } = useTranslation();
  const { payload } = event;
  // A routing or system reason is a code, not the words of a person: shown translated below.
  const codedReason =
    event.type === 'sent_to_curator' ||
    (event.type === 'closed' && payload.reason === 'clarification_timeout');
  const texts = payloadTexts
    .filter((k) => !(codedReason && k === 'reason'))
    .map((k) => [k, payload[k]] as const)
    .filter(
      (pair): pair is readonly [(typeof payloadTexts)[number], string] =>
        typeof pair[1] === 'string' && pair[1] !== '',
    );
  const orgName = (id: unknown) => {
    const found = typeof id === 'string' ? organisations.find((o) => o.id === id) : undefined;
    return found ? localName(found.name) : null;
  };
  const organisation = orgName(payload.organisationId);
  const handedOver = typeof payload.toOrganisationId === 'string';
  const categoryName = (id: unknown) => {
    const found = typeof id === 'string' ? categories.find((c) => c.id === id) : undefined;
    return found ? localName(found.name) : null;
  };
  const recategorised = event.type === 'recategorised' ? categoryName(payload.toCategoryId) : null;
  return (
    <li className="timeline-item">
      <p className="timeline-title">
        <strong>{t(`events.${event.type}`, { defaultValue: event.type })}</strong>
        {event.toStatus && event.toStatus !== event.fromStatus && (
          <span className="muted"> → {t(`status.${event.toStatus}`)}</span>
        )}
      </p>
      <p className="muted">
        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
        {event.actorRole && ` · ${t(`roles.${event.actorRole}`, { defaultValue: event.actorRole })}`}
      </p>
      {organisation && (
        <p className="timeline-text">
          <span className="label">{t('events.organisation')}: </span>
          {organisation}
        </p>
      )}
      {handedOver && (
        <p className="timeline-text">
          <span className="label">{t('events.toOrganisation')}: </span>
          {orgName(payload.fromOrganisationId) ?? '—'} → {orgName(payload.toOrganisationId) ?? '—'}
        </p>
      )}
      {recategorised && (
        <p className="timeline-text">
          <span className="label">{t('events.category')}: </span>
          {categoryName(payload.fromCategoryId) ?? '—'} → {recategorised}
        </p>
      )}
      <MergeEventLinks event={event} />
      {codedReason && typeof payload.reason === 'string' && (
        <p className="timeline-text">
          {event.type === 'closed'
            ? t(`events.closedReasons.${payload.reason}`, { days: payload.days })
            : t(`events.curatorReasons.${payload.reason}`, { defaultValue: payload.reason })}
        </p>
      )}
      {/* deadlines: the new date of an extended deadline, and the date a deadline alert is about */}
      {event.type.startsWith('deadline_') && typeof payload.dueAt === 'string' && (
        <p className="timeline-text">
          <span className="label">{t('deadlines.dueLabel')}: </span>
          {formatDate(payload.dueAt)}
        </p>
      )}
      {texts.map(([k, v]) => (
        <p key={k} className="timeline-text">
          <span className="label">{t(`events.payload.${k}`)}: </span>
          {v}
        </p>
      ))}
    </li>
  );
}

export function Timeline({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const events = useReportEvents(reportId);
  const organisations = useOrganisations();
  const categories = useCategories();
  return (
    <Card title={t('timeline.title')}>
      {events.isPending && <Loading />}
      {events.error && <ErrorMessage error={events.error} />}
      {events.data && events.data.length === 0 && <p className="muted">{t('timeline.empty')}</p>}
      {events.data && events.data.length > 0 && (
        <ol className="timeline">
          {events.data.map((e) => (
            <EventItem
              key={e.id}
              event={e}
              organisations={organisations.data ?? []}
              categories={categories.data ?? []}
            />
          ))}
        </ol>
      )}
    </Card>
  );
}
