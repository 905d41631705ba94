import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { ChangePassword } from '../../auth/components/ChangePassword';
import { EraseAccount } from '../../auth/components/EraseAccount';
import { ProfileEmail } from '../../auth/components/ProfileEmail';
import { ProfileName } from '../../auth/components/ProfileName';
import { VerifiedIdentity } from '../../auth/components/VerifiedIdentity';
import { NotificationPreferences } from '../components/NotificationPreferences';

/** The signed-in person's own page: who they are, their name and password, how they are told of changes. */
export function ProfileRoute() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  const { data: user } = useMe();
  if (!user) return null;
  return (
    <div className="page page--narrow profile-page">
      <h1>{t('profile.title')}</h1>
      <Card title={t('profile.account')}>
        <dl className="facts">
          <dt>{t('profile.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('profile.role')}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
        </dl>
        <ProfileEmail />
        <ProfileName name={user.name} />
      </Card>
      <VerifiedIdentity canLink={user.role === 'resident'} />
      <ChangePassword />
      <NotificationPreferences />
      {user.role === 'resident' && <EraseAccount />}
    </div>
  );
}
