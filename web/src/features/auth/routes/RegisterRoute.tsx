import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { RegisterForm } from '../components/RegisterForm';

export function RegisterRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  usePageTitle(t('auth.registerTitle'));
  return (
    <div className="page page--narrow">
      <h1>{t('auth.registerTitle')}</h1>
      <RegisterForm
        onSuccess={() => navigate(from && from !== '/register' ? from : '/', { replace: true })}
      />
      <p className="form-footer">
        {t('auth.haveAccount')}{' '}
        <Link to="/login" state={{ from }}>
          {t('auth.loginLink')}
        </Link>
      </p>
    </div>
  );
}
