import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime, localName } from '../../../lib/format';
import { useAddNoticeUpdate } from '../api/add-notice-update';
import { useAnswerLinked } from '../api/answer-linked';
import { useNotice } from '../api/get-notice';
import { NoticeAreaMap } from '../components/NoticeAreaMap';

/** A notice: what, who, when, where (its area), its updates; for its editors, the closing answer. */
export function NoticeRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notice = useNotice(id);
  usePageTitle(notice.data?.title ?? t('notices.title'));
  const n = notice.data;
  const areas = useMemo(
    () => (n ? [{ id: n.id, geometry: n.area, kind: n.kind, bufferMeters: n.bufferMeters }] : []),
    [n],
  );
  if (notice.isPending) return <Loading />;
  if (!n) return <ErrorMessage error={notice.error} />;
  return (
    <div className="page notices-ui notice-page">
      <p>
        <Link to="/notices">{t('notices.backToList')}</Link>
      </p>
      <h1>{n.title}</h1>
      <p>
        <span className={`badge badge--${n.kind}`}>{t(`notices.kinds.${n.kind}`)}</span>{' '}
        <strong>{t(`notices.status.${n.status}`)}</strong>
      </p>
      <dl className="facts">
        <dt>{t('notices.fields.organisation')}</dt>
        <dd>{localName(n.organisation.name)}</dd>
        <dt>{t('notices.fields.window')}</dt>
        <dd>{t('notices.window', { from: formatDateTime(n.startsAt), to: formatDateTime(n.endsAt) })}</dd>
        <dt>{t('notices.fields.categories')}</dt>
        <dd>{n.categories.map((c) => localName(c.name)).join(', ')}</dd>
      </dl>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders the Markdown safely (src/lib/markdown.ts: no raw HTML, safe links only). */}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: n.descriptionHtml }} />
      <h2>{t('notices.areaHeading')}</h2>
      <NoticeAreaMap items={areas} label={t('notices.area.mapLabel')} />
      <h2>{t('notices.updates.heading')}</h2>
      {n.updates.length === 0 ? (
        <p className="muted">{t('notices.updates.none')}</p>
      ) : (
        <ol className="timeline">
          {n.updates.map((u) => (
            <li key={u.id}>
              <time dateTime={u.createdAt}>{formatDateTime(u.createdAt)}</time> — {u.text}
            </li>
          ))}
        </ol>
      )}
      {n.canEdit && (
        <EditorTools
          id={n.id}
          ended={n.status === 'ended'}
          linked={n.linkedReports}
          answeredAt={n.answeredAt}
        />
      )}
    </div>
  );
}

function EditorTools({
  id,
  ended,
  linked,
  answeredAt,
}: {
  id: string;
  ended: boolean;
  linked: { total: number; open: number } | null;
  answeredAt: string | null;
}) {
  const { t } = useTranslation();
  const addUpdate = useAddNoticeUpdate(id);
  const answer = useAnswerLinked(id);
  const [update, setUpdate] = useState('');
  const [text, setText] = useState('');
  const [result, setResult] = useState<'solved' | 'explained'>('solved');

  const onUpdate = (e: FormEvent) => {
    e.preventDefault();
    addUpdate.mutate(update, { onSuccess: () => setUpdate('') });
  };
  const onAnswer = (e: FormEvent) => {
    e.preventDefault();
    answer.mutate({ text, result });
  };
  return (
    <section className="panel" aria-labelledby="notice-editor-heading">
      <h2 id="notice-editor-heading">{t('notices.editor.heading')}</h2>
      <p>
        <Link className="button button--secondary button--small" to={`/notices/${id}/edit`}>
          {t('notices.editor.edit')}
        </Link>
      </p>
      <form onSubmit={onUpdate} className="stack">
        <label htmlFor="notice-update">{t('notices.updates.add')}</label>
        <textarea id="notice-update" rows={2} value={update} onChange={(e) => setUpdate(e.target.value)} />
        <ErrorMessage error={addUpdate.error} />
        <button
          type="submit"
          className="button button--small"
          disabled={addUpdate.isPending || update.trim().length < 3}
        >
          {t('notices.updates.publish')}
        </button>
      </form>
      {linked && <p>{t('notices.editor.linked', { count: linked.total, open: linked.open })}</p>}
      {ended && !answeredAt && linked && linked.total > 0 && (
        <form onSubmit={onAnswer} className="stack">
          <h3>{t('notices.answerLinked.heading')}</h3>
          <p className="hint">{t('notices.answerLinked.hint')}</p>
          <label htmlFor="notice-answer">{t('notices.answerLinked.text')}</label>
          <textarea id="notice-answer" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          <label htmlFor="notice-answer-result">{t('notices.answerLinked.result')}</label>
          <select
            id="notice-answer-result"
            value={result}
            onChange={(e) => setResult(e.target.value as 'solved' | 'explained')}
          >
            <option value="solved">{t('notices.answerLinked.solved')}</option>
            <option value="explained">{t('notices.answerLinked.explained')}</option>
          </select>
          <ErrorMessage error={answer.error} />
          <button type="submit" className="button" disabled={answer.isPending}>
            {t('notices.answerLinked.submit')}
          </button>
        </form>
      )}
      {answer.data && (
        <div role="status">
          <p>{t('notices.answerLinked.done')}</p>
          <ul>
            {answer.data.items.map((i) => (
              <li key={i.reportId}>
                <Link to={`/reports/${i.reportId}`}>№ {i.number}</Link> —{' '}
                {i.outcome === 'in_review'
                  ? t('notices.answerLinked.inReview')
                  : t('notices.answerLinked.skipped', { reason: i.reason ?? '' })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {answeredAt && <p>{t('notices.answerLinked.answeredAt', { date: formatDateTime(answeredAt) })}</p>}
    </section>
  );
}
