import { ATTACHMENTS_MAX } from '@shared/discussions/discussions.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { fromLocalInput, toLocalInput } from '../../../lib/local-input';
import { useMe } from '../../auth/api/get-me';
import { useCreateDiscussion, useDiscussions } from '../api/discussions';
import { AttachmentPicker } from '../components/AttachmentPicker';

const manageRoles = ['admin', 'moderator', 'curator'];

/** Public discussions, newest first; staff open a new one here. */
export function DiscussionsRoute() {
  const { t } = useTranslation();
  usePageTitle(t('discussions.title'));
  const list = useDiscussions();
  const { data: me } = useMe();
  return (
    <div className="page page--narrow">
      <div className="page-head">
        <h1>{t('discussions.title')}</h1>
        {me?.role === 'moderator' || me?.role === 'admin' ? (
          <Link to="/discussions/moderation" className="button button--secondary">
            {t('discussions.moderation')}
          </Link>
        ) : null}
      </div>
      <ErrorMessage error={list.error} />
      {list.isPending && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{t('discussions.empty')}</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="discussion-list">
          {list.data.items.map((d) => (
            <li key={d.id} className="card">
              <h2>
                <Link to={`/discussions/${d.id}`}>{d.title}</Link>
              </h2>
              <p className="muted">
                <StateBadge state={d.status} labels="discussions.status" />{' '}
                {t('discussions.period', { from: formatDateTime(d.opensAt), to: formatDateTime(d.closesAt) })}{' '}
                · {t('discussions.comments', { count: d.commentCount })}
                {d.opinionMap && <> · {t('discussions.hasOpinionMap')}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
      {me && manageRoles.includes(me.role) && <NewDiscussionForm />}
    </div>
  );
}

function NewDiscussionForm() {
  const { t } = useTranslation();
  const create = useCreateDiscussion();
  const navigate = useNavigate();
  const ids = { title: useId(), body: useId(), opens: useId(), closes: useId() };
  const now = new Date();
  const [form, setForm] = useState({
    title: '',
    body: '',
    opensAt: toLocalInput(now),
    closesAt: toLocalInput(new Date(now.getTime() + 30 * 86_400_000)),
    opinionMap: false,
  });
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  return (
    <section aria-labelledby={`${ids.title}-h`}>
      <h2 id={`${ids.title}-h`}>{t('discussions.newTitle')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            {
              ...form,
              opensAt: fromLocalInput(form.opensAt),
              closesAt: fromLocalInput(form.closesAt),
              territoryId: null,
              organisationId: null,
              attachmentIds,
            },
            { onSuccess: (d) => navigate(`/discussions/${d.id}`) },
          );
        }}
      >
        <div className="field">
          <label htmlFor={ids.title}>{t('discussions.fields.title')}</label>
          <input
            id={ids.title}
            value={form.title}
            required
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.body}>{t('discussions.fields.body')}</label>
          <p className="hint" id={`${ids.body}-hint`}>
            {t('discussions.markdownHint')}
          </p>
          <textarea
            id={ids.body}
            aria-describedby={`${ids.body}-hint`}
            rows={8}
            value={form.body}
            required
            onChange={(e) => setForm({ ...form, body: e.target.value })}
          />
        </div>
        <div className="field-pair">
          <div className="field">
            <label htmlFor={ids.opens}>{t('discussions.fields.opensAt')}</label>
            <input
              id={ids.opens}
              type="datetime-local"
              value={form.opensAt}
              onChange={(e) => setForm({ ...form, opensAt: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={ids.closes}>{t('discussions.fields.closesAt')}</label>
            <input
              id={ids.closes}
              type="datetime-local"
              value={form.closesAt}
              onChange={(e) => setForm({ ...form, closesAt: e.target.value })}
            />
          </div>
        </div>
        <AttachmentPicker max={ATTACHMENTS_MAX} onChange={setAttachmentIds} onBusyChange={setUploading} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.opinionMap}
            onChange={(e) => setForm({ ...form, opinionMap: e.target.checked })}
          />
          {t('discussions.fields.opinionMap')}
        </label>
        <ErrorMessage error={create.error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending || uploading}>
            {t('discussions.open')}
          </button>
        </div>
      </form>
    </section>
  );
}
