import { createBrowserRouter } from 'react-router';
import { AnswerTemplatesRoute, templateKeeperRoles } from '../features/answers/routes/AnswerTemplatesRoute';
import { ApiKeysRoute } from '../features/api-keys/routes/ApiKeysRoute';
import { LoginRoute } from '../features/auth/routes/LoginRoute';
import { RegisterRoute } from '../features/auth/routes/RegisterRoute';
import { classifierRoles } from '../features/classifier/roles';
import { ClassifierRoute } from '../features/classifier/routes/ClassifierRoute';
import { CalendarRoute } from '../features/deadlines/routes/CalendarRoute';
import { NoticeEditRoute } from '../features/notices/routes/NoticeEditRoute';
import { NoticeRoute } from '../features/notices/routes/NoticeRoute';
import { NoticeSubscriptionsRoute } from '../features/notices/routes/NoticeSubscriptionsRoute';
import { NoticesRoute } from '../features/notices/routes/NoticesRoute';
import { NotificationsRoute } from '../features/notifications/routes/NotificationsRoute';
import { ProfileRoute } from '../features/notifications/routes/ProfileRoute';
import { ObjectRoute } from '../features/objects/routes/ObjectRoute';
import { ObjectsAdminRoute } from '../features/objects/routes/ObjectsAdminRoute';
import { MapRoute } from '../features/reports/routes/MapRoute';
import { MyReportsRoute } from '../features/reports/routes/MyReportsRoute';
import { NewReportRoute } from '../features/reports/routes/NewReportRoute';
import { ReportRoute } from '../features/reports/routes/ReportRoute';
import { StaffRoute } from '../features/staff/routes/StaffRoute';
import { WebhooksRoute } from '../features/webhooks/routes/WebhooksRoute';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { RequireAuth, RequireRole, RequireStaff } from './RequireAuth';

/** Who publishes notices: the region's staff and organisations' operators (for their own). */
const noticeEditorRoles = ['admin', 'moderator', 'curator', 'operator'] as const;

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
      // ---- notices of works and outages; city objects (branch notices) ----
      { path: 'notices', element: <NoticesRoute /> },
      {
        path: 'notices/new',
        element: (
          <RequireRole roles={noticeEditorRoles}>
            <NoticeEditRoute />
          </RequireRole>
        ),
      },
      {
        path: 'notices/subscriptions',
        element: (
          <RequireAuth>
            <NoticeSubscriptionsRoute />
          </RequireAuth>
        ),
      },
      { path: 'notices/:id', element: <NoticeRoute /> },
      {
        path: 'notices/:id/edit',
        element: (
          <RequireRole roles={noticeEditorRoles}>
            <NoticeEditRoute />
          </RequireRole>
        ),
      },
      { path: 'objects/:id', element: <ObjectRoute /> },
      {
        path: 'admin/objects',
        element: (
          <RequireRole roles={['admin']}>
            <ObjectsAdminRoute />
          </RequireRole>
        ),
      },
      { path: 'login', element: <LoginRoute /> },
      { path: 'register', element: <RegisterRoute /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
