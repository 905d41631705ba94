import { INITIATIVE_PHOTOS_MAX } from '@shared/initiatives/initiatives.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { PhotoUploader } from '../../media/components/PhotoUploader';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { CategoryOptions } from '../../reference/components/CategoryOptions';
import { useInitiatives, useProposeInitiative } from '../api/initiatives';

/**
 * Initiatives collecting support (and, for moderators, those awaiting moderation); a resident also
 * sees their own in every state, and proposes new ones.
 */
export function InitiativesRoute() {
  const { t } = useTranslation();
  usePageTitle(t('initiatives.title'));
  const { data: me } = useMe();
  const moderator = me?.role === 'moderator' || me?.role === 'admin';
  const list = useInitiatives();
  const pending = useInitiatives({ status: 'moderation' }, moderator);
  const mine = useInitiatives({ mine: true }, me?.role === 'resident');
  const pendingShown = moderator && (pending.data?.items.length ?? 0) > 0;
  const mineShown = (mine.data?.items.length ?? 0) > 0;
  const otherListShown = pendingShown || mineShown;
  return (
    <div className="page page--narrow">
      <h1>{t('initiatives.title')}</h1>
      <p className="muted">{t('initiatives.intro')}</p>
      <ErrorMessage error={list.error} />
      {list.isPending && <Loading />}
      {pendingShown && pending.data && (
        <section aria-labelledby="pending-h">
          <h2 id="pending-h">{t('initiatives.awaitingModeration')}</h2>
          <InitiativeList items={pending.data.items} />
        </section>
      )}
      {mineShown && mine.data && (
        <section aria-labelledby="mine-h">
          <h2 id="mine-h">{t('initiatives.mine')}</h2>
          <InitiativeList items={mine.data.items} />
        </section>
      )}
      {list.data && (
        // Under its own heading when the resident's own or the moderation queue come first: the same
        // initiative in two lists one under the other read as a duplicate.
        <section aria-labelledby={otherListShown ? 'all-h' : undefined}>
          {otherListShown && <h2 id="all-h">{t('initiatives.all')}</h2>}
          {list.data.items.length === 0 ? (
            <p>{t('initiatives.empty')}</p>
          ) : (
            <InitiativeList items={list.data.items} />
          )}
        </section>
      )}
      {me?.role === 'resident' && <ProposeForm />}
      {me === null && <SignInPrompt>{t('initiatives.signInToPropose')}</SignInPrompt>}
    </div>
  );
}

function InitiativeList({
  items,
}: {
  items: { id: string; title: string; status: string; supporters: number; threshold: number }[];
}) {
  const { t } = useTranslation();
  return (
    <ul className="discussion-list">
      {items.map((i) => (
        <li key={i.id} className="card">
          <h3>
            <Link to={`/initiatives/${i.id}`}>{i.title}</Link>
          </h3>
          <p className="muted">
            <StateBadge state={i.status} labels="initiatives.status" />{' '}
            {t('initiatives.progress', { count: i.supporters, threshold: i.threshold })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function ProposeForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const territories = useTerritories();
  const propose = useProposeInitiative();
  const navigate = useNavigate();
  const ids = { title: useId(), text: useId(), category: useId(), territory: useId() };
  const [form, setForm] = useState({ title: '', text: '', categoryId: '', territoryId: '' });
  const [mediaIds, setMediaIds] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  return (
    <section aria-labelledby={`${ids.title}-h`}>
      <h2 id={`${ids.title}-h`}>{t('initiatives.propose')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate({ ...form, mediaIds }, { onSuccess: (i) => navigate(`/initiatives/${i.id}`) });
        }}
      >
        <div className="field">
          <label htmlFor={ids.title}>{t('initiatives.fields.title')}</label>
          <input
            id={ids.title}
            value={form.title}
            required
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>{t('initiatives.fields.text')}</label>
          <textarea
            id={ids.text}
            rows={6}
            value={form.text}
            required
            onChange={(e) => setForm({ ...form, text: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.category}>{t('initiatives.fields.category')}</label>
          <select
            id={ids.category}
            value={form.categoryId}
            required
            onChange={(e) => setForm({ ...form, categoryId: e.target.value })}
          >
            <option value="">{t('initiatives.choose')}</option>
            <CategoryOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.territory}>{t('initiatives.fields.territory')}</label>
          <select
            id={ids.territory}
            value={form.territoryId}
            required
            onChange={(e) => setForm({ ...form, territoryId: e.target.value })}
          >
            <option value="">{t('initiatives.choose')}</option>
            {districtsOf(territories.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <PhotoUploader
          label={t('initiatives.fields.photos')}
          max={INITIATIVE_PHOTOS_MAX}
          onChange={setMediaIds}
          onBusyChange={setUploading}
        />
        <ErrorMessage error={propose.error} />
        <button type="submit" className="button" disabled={propose.isPending || uploading}>
          {t('initiatives.send')}
        </button>
      </form>
    </section>
  );
}
