import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { localName } from '../../../lib/format';
import { useOrganisationPage } from '../api/get-organisation';
import { ProfileForm } from '../components/ProfileForm';

export function OrganisationEditRoute() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const page = useOrganisationPage(id);
  usePageTitle(t('directory.edit'));
  if (page.isPending) return <Loading />;
  if (!page.data) return <ErrorMessage error={page.error} />;
  return (
    <div className="page page--narrow">
      <h1>
        {t('directory.edit')}: {localName(page.data.name)}
      </h1>
      <ProfileForm page={page.data} onSaved={() => navigate(`/organisations/${page.data.id}`)} />
    </div>
  );
}
