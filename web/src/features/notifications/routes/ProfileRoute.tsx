import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { EraseAccount } from '../../auth/components/EraseAccount';
import { NotificationPreferences } from '../components/NotificationPreferences';

/** The signed-in person's own page: who they are and how they want to be told of changes. */
export function ProfileRoute() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const { data: user } = useMe();
  if (!user) return null;
  return (
    <div className="page page--narrow">
      <h1>{t('profile.title')}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t('profile.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('profile.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('profile.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </dl>
      </section>
      <NotificationPreferences />
      {user.role === 'resident' && <EraseAccount />}
    </div>
  );
}
