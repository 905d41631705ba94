import { directoryKinds } from '@shared/directory/directory.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useDirectory } from '../api/get-directory';
import { OpenStatus } from '../components/OpenStatus';
import { ResponsibleHere } from '../components/ResponsibleHere';

/** The public directory: search (typos forgiven), filter by kind, open now; "who is responsible here". */
export function DirectoryRoute() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const [params, setParams] = useFilterParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const [draft, setDraft] = useState(q);
  const list = useDirectory({ q, kind });

  const apply = (next: { q?: string; kind?: string }) => {
    const nq = next.q ?? q;
    const nk = next.kind ?? kind;
    setParams({ ...(nq ? { q: nq } : {}), ...(nk ? { kind: nk } : {}) });
  };

  return (
    <div className="page">
      <h1>{t('directory.title')}</h1>
      <form
        className="kb-search"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ q: draft.trim() });
        }}
      >
        <label htmlFor="dir-q">{t('directory.searchLabel')}</label>
        <div className="kb-search__row">
          <input
            id="dir-q"
            type="search"
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button">
            {t('knowledge.searchButton')}
          </button>
        </div>
        <label htmlFor="dir-kind">{t('directory.kindLabel')}</label>
        <select id="dir-kind" value={kind} onChange={(e) => apply({ kind: e.target.value })}>
          <option value="">{t('directory.allKinds')}</option>
          {directoryKinds.map((k) => (
            <option key={k} value={k}>
              {t(`directory.kind.${k}`)}
            </option>
          ))}
        </select>
      </form>
      <ErrorMessage error={list.error} />
      {list.isPending && <Loading />}
      {list.data?.items.length === 0 && <p>{t('directory.nothingFound')}</p>}
      <ul className="dir-list">
        {(list.data?.items ?? []).map((o) => (
          <li key={o.id} className="dir-card">
            <Link to={`/organisations/${o.id}`} className="dir-card__name">
              {localName(o.name)}
            </Link>
            <p className="dir-card__meta">
              {t(`directory.kind.${o.kind}`)}
              {o.officeAddress && ` · ${o.officeAddress}`}
              {o.phone && ` · ${o.phone}`}
            </p>
            <OpenStatus status={o} />
          </li>
        ))}
      </ul>
      <ResponsibleHere />
    </div>
  );
}
