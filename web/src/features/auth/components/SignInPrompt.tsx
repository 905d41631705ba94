import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { LoginState } from '../login-state';

/**
 * Where a signed-in resident would act — answer a poll, vote, support an initiative, comment — a
 * visitor is told what signing in lets them do here, with the ways in; either brings them back to
 * this page. Without it a visitor saw the results and no sign that they could take part.
 */
export function SignInPrompt({ children }: { children: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const state: LoginState = { from: location.pathname + location.search, reason: 'takePart' };
  return (
    <div className="alert alert--info sign-in-prompt">
      <p>{children}</p>
      <p className="sign-in-prompt__actions">
        <Link className="button button--small" to="/login" state={state}>
          {t('auth.login')}
        </Link>
        <Link className="button button--small button--secondary" to="/register" state={{ from: state.from }}>
          {t('auth.register')}
        </Link>
      </p>
    </div>
  );
}
