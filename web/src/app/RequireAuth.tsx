import type { Me } from '@shared/identity/identity.schemas.ts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { useMe } from '../features/auth/api/get-me';
import type { LoginState } from '../features/auth/login-state';
import { isStaff } from '../features/staff/queues';

/** Sends signed-out visitors to the sign-in page, which brings them back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!me.data) {
    const state: LoginState = { from: location.pathname + location.search, reason: 'required' };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}

export function RequireStaff({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <RequireAuth>
      {me.data && !isStaff(me.data.role) ? (
        <div className="page">
          <h1>{t('staff.title')}</h1>
          <p>{t('staff.notStaff')}</p>
        </div>
      ) : (
        children
      )}
    </RequireAuth>
  );
}

/** A page for some roles only (the server checks again): others see why it is closed to them. */
export function RequireRole({ roles, children }: { roles: readonly Me['role'][]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <RequireAuth>
      {me.data && !roles.includes(me.data.role) ? (
        <div className="page">
          <h1>{t('common.noAccessTitle')}</h1>
          <p>{t('common.noAccess')}</p>
        </div>
      ) : (
        children
      )}
    </RequireAuth>
  );
}
