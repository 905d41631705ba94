import { createBrowserRouter } from 'react-router';
import { LoginRoute } from '../features/auth/routes/LoginRoute';
import { RegisterRoute } from '../features/auth/routes/RegisterRoute';
import { classifierRoles } from '../features/classifier/roles';
import { ClassifierRoute } from '../features/classifier/routes/ClassifierRoute';
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
      { path: '*', element: <NotFound /> },
    ],
  },
]);
