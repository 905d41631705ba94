import type { PollSummary } from '@shared/participation/participation.schemas.ts';
import type { VoteSummary } from '@shared/participation/votes.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime, localName } from '../../../lib/format';
import { useFilterParams } from '../../../lib/use-filter-params';
import { useMe } from '../../auth/api/get-me';
import { districtsOf, useTerritories } from '../../reference/api/get-territories';
import { usePolls } from '../api/get-polls';
import { useVotes } from '../api/get-votes';
import { organiserRoles } from '../roles';

const order = ['open', 'upcoming', 'draft', 'closed'] as const;

function Entry({ to, title, state, until }: { to: string; title: string; state: string; until: string }) {
  const { t } = useTranslation();
  return (
    <li className="participation-card">
      <Link to={to}>{title}</Link>
      <span className="participation-card__meta">
        {/* A closed one ended on that date: "closed until" would read as if it reopened. */}
        <StateBadge state={state} />{' '}
        {state === 'closed'
          ? formatDateTime(until)
          : t('participation.until', { date: formatDateTime(until) })}
      </span>
    </li>
  );
}

/**
 * The participation section: open polls and votes first, then upcoming, then closed ones with
 * results; a resident picks their district to see its own and the region-wide ones (kept in the URL).
 */
export function ParticipationRoute() {
  const { t } = useTranslation();
  usePageTitle(t('participation.title'));
  const me = useMe();
  const [search, setSearch] = useFilterParams();
  const district = search.get('district');
  const districts = districtsOf(useTerritories().data ?? []);
  const polls = usePolls(district);
  const votes = useVotes(district);
  const chooseDistrict = (id: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('district', id);
        else next.delete('district');
        return next;
      },
      { replace: true },
    );
  const organiser = me.data ? organiserRoles.includes(me.data.role) : false;
  const sortPolls = (items: PollSummary[]) =>
    [...items].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
  const sortVotes = (items: VoteSummary[]) =>
    [...items].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));

  return (
    <div className="page participation">
      <h1>{t('participation.title')}</h1>
      <p>{t('participation.intro')}</p>
      {organiser && (
        <p className="form-actions">
          <Link className="button" to="/participation/polls/new">
            {t('participation.newPoll')}
          </Link>
          <Link className="button button--secondary" to="/participation/votes/new">
            {t('participation.newVote')}
          </Link>
        </p>
      )}
      <div className="field participation-filter">
        <label htmlFor="participation-district">{t('participation.district')}</label>
        <select
          id="participation-district"
          value={district ?? ''}
          onChange={(e) => chooseDistrict(e.target.value)}
        >
          <option value="">{t('participation.allDistricts')}</option>
          {districts.map((d) => (
            <option key={d.id} value={d.id}>
              {localName(d.name)}
            </option>
          ))}
        </select>
      </div>
      <section aria-labelledby="polls-title">
        <h2 id="polls-title">{t('participation.polls')}</h2>
        {polls.isPending && <Loading />}
        <ErrorMessage error={polls.error} />
        {polls.data && polls.data.length === 0 && <p>{t('participation.noPolls')}</p>}
        <ul className="participation-list">
          {sortPolls(polls.data ?? []).map((p) => (
            <Entry
              key={p.id}
              to={`/participation/polls/${p.id}`}
              title={p.title}
              state={p.state}
              until={p.closesAt}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="votes-title">
        <h2 id="votes-title">{t('participation.votes')}</h2>
        {votes.isPending && <Loading />}
        <ErrorMessage error={votes.error} />
        {votes.data && votes.data.length === 0 && <p>{t('participation.noVotes')}</p>}
        <ul className="participation-list">
          {sortVotes(votes.data ?? []).map((v) => (
            <Entry
              key={v.id}
              to={`/participation/votes/${v.id}`}
              title={v.title}
              state={v.stage}
              until={v.voting.closesAt}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}
