import { createBrowserRouter } from 'react-router';
import { AnswerTemplatesRoute, templateKeeperRoles } from '../features/answers/routes/AnswerTemplatesRoute';
import { ApiKeysRoute } from '../features/api-keys/routes/ApiKeysRoute';
import { ConfirmEmailRoute } from '../features/auth/routes/ConfirmEmailRoute';
import { LoginRoute } from '../features/auth/routes/LoginRoute';
import { RegisterRoute } from '../features/auth/routes/RegisterRoute';
import { ResetPasswordRoute } from '../features/auth/routes/ResetPasswordRoute';
import { classifierRoles } from '../features/classifier/roles';
import { ClassifierRoute } from '../features/classifier/routes/ClassifierRoute';
import { CalendarRoute } from '../features/deadlines/routes/CalendarRoute';
import { NotificationsRoute } from '../features/notifications/routes/NotificationsRoute';
import { ProfileRoute } from '../features/notifications/routes/ProfileRoute';
import { MapRoute } from '../features/reports/routes/MapRoute';
import { MyReportsRoute } from '../features/reports/routes/MyReportsRoute';
import { NewReportRoute } from '../features/reports/routes/NewReportRoute';
import { ReportRoute } from '../features/reports/routes/ReportRoute';
import { StaffRoute } from '../features/staff/routes/StaffRoute';
import { WebhooksRoute } from '../features/webhooks/routes/WebhooksRoute';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { RequireAuth, RequireRole, RequireStaff } from './RequireAuth';

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <MapRoute /> },
      {
        path: 'reports/new',
        element: (
          <RequireAuth>
            <NewReportRoute />
          </RequireAuth>
        ),
      },
      { path: 'reports/:id', element: <ReportRoute /> },
      {
        path: 'my',
        element: (
          <RequireAuth>
            <MyReportsRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'staff',
        element: (
          <RequireStaff>
            <StaffRoute />
          </RequireStaff>
        ),
      },
      {
        path: 'admin/classifier',
        element: (
          <RequireRole roles={classifierRoles}>
            <ClassifierRoute />
          </RequireRole>
        ),
      },
      // answer quality: the organisation's answer templates
      {
        path: 'staff/answer-templates',
        element: (
          <RequireRole roles={templateKeeperRoles}>
            <AnswerTemplatesRoute />
          </RequireRole>
        ),
      },
      // ---- deadlines ----
      {
        path: 'admin/calendar',
        element: (
          <RequireRole roles={['admin']}>
            <CalendarRoute />
          </RequireRole>
        ),
      },
      // ---- notifications ----
      {
        path: 'notifications',
        element: (
          <RequireAuth>
            <NotificationsRoute />
          </RequireAuth>
        ),
      },
      {
        path: 'profile',
        element: (
          <RequireAuth>
            <ProfileRoute />
          </RequireAuth>
        ),
      },
      // ---- API keys (branch open311) ----
      {
        path: 'admin/api-keys',
        element: (
          <RequireRole roles={['admin']}>
            <ApiKeysRoute />
          </RequireRole>
        ),
      },
      // ---- end of the open311 block ----
      // ---- outbound webhooks ----
      {
        path: 'admin/webhooks',
        element: (
          <RequireRole roles={['admin']}>
            <WebhooksRoute />
          </RequireRole>
        ),
      },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: 'account/confirm', element: <ConfirmEmailRoute /> },
      { path: 'account/reset', element: <ResetPasswordRoute /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
