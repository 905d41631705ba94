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
import { DirectoryRoute } from '../features/directory/routes/DirectoryRoute';
import { OrganisationEditRoute } from '../features/directory/routes/OrganisationEditRoute';
import { OrganisationRoute } from '../features/directory/routes/OrganisationRoute';
import { DiscussionModerationRoute } from '../features/discussions/routes/DiscussionModerationRoute';
import { DiscussionRoute } from '../features/discussions/routes/DiscussionRoute';
import { DiscussionsRoute } from '../features/discussions/routes/DiscussionsRoute';
import { OpinionMapRoute } from '../features/discussions/routes/OpinionMapRoute';
import { InitiativeRoute } from '../features/initiatives/routes/InitiativeRoute';
import { InitiativesRoute } from '../features/initiatives/routes/InitiativesRoute';
import { ArticleEditRoute } from '../features/knowledge/routes/ArticleEditRoute';
import { ArticleRoute } from '../features/knowledge/routes/ArticleRoute';
import { KnowledgeRoute } from '../features/knowledge/routes/KnowledgeRoute';
import { KnowledgeStatsRoute } from '../features/knowledge/routes/KnowledgeStatsRoute';
import { NoticeEditRoute } from '../features/notices/routes/NoticeEditRoute';
import { NoticeRoute } from '../features/notices/routes/NoticeRoute';
import { NoticeSubscriptionsRoute } from '../features/notices/routes/NoticeSubscriptionsRoute';
import { NoticesRoute } from '../features/notices/routes/NoticesRoute';
import { NotificationsRoute } from '../features/notifications/routes/NotificationsRoute';
import { ProfileRoute } from '../features/notifications/routes/ProfileRoute';
import { ObjectRoute } from '../features/objects/routes/ObjectRoute';
import { ObjectsAdminRoute } from '../features/objects/routes/ObjectsAdminRoute';
import { organiserRoles } from '../features/participation/roles';
import { ParticipationRoute } from '../features/participation/routes/ParticipationRoute';
import { PollBuilderRoute } from '../features/participation/routes/PollBuilderRoute';
import { PollRoute } from '../features/participation/routes/PollRoute';
import { VoteNewRoute } from '../features/participation/routes/VoteNewRoute';
import { VoteRoute } from '../features/participation/routes/VoteRoute';
import { CategoriesRoute } from '../features/reference/routes/CategoriesRoute';
import { OrganisationsRoute } from '../features/reference/routes/OrganisationsRoute';
import { RegionSettingsRoute } from '../features/reference/routes/RegionSettingsRoute';
import { RoutingRulesRoute } from '../features/reference/routes/RoutingRulesRoute';
import { TerritoriesRoute } from '../features/reference/routes/TerritoriesRoute';
import { MapRoute } from '../features/reports/routes/MapRoute';
import { MyReportsRoute } from '../features/reports/routes/MyReportsRoute';
import { NewReportRoute } from '../features/reports/routes/NewReportRoute';
import { ReportRoute } from '../features/reports/routes/ReportRoute';
import { StaffRoute } from '../features/staff/routes/StaffRoute';
import { AcceptInvitationRoute } from '../features/staff-admin/routes/AcceptInvitationRoute';
import { StaffAdminRoute } from '../features/staff-admin/routes/StaffAdminRoute';
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
      // ---- knowledge base and organisation directory ----
      { path: 'knowledge', element: <KnowledgeRoute /> },
      {
        path: 'knowledge/new',
        element: (
          <RequireRole roles={['moderator', 'operator', 'curator', 'admin']}>
            <ArticleEditRoute />
          </RequireRole>
        ),
      },
      { path: 'knowledge/:id', element: <ArticleRoute /> },
      {
        path: 'knowledge/:id/edit',
        element: (
          <RequireRole roles={['moderator', 'operator', 'curator', 'admin']}>
            <ArticleEditRoute />
          </RequireRole>
        ),
      },
      {
        path: 'staff/knowledge',
        element: (
          <RequireStaff>
            <KnowledgeStatsRoute />
          </RequireStaff>
        ),
      },
      { path: 'organisations', element: <DirectoryRoute /> },
      { path: 'organisations/:id', element: <OrganisationRoute /> },
      {
        path: 'organisations/:id/edit',
        element: (
          <RequireRole roles={['admin']}>
            <OrganisationEditRoute />
          </RequireRole>
        ),
      },
      // analytics: dashboards (public figures; the matrix for analysts inside). Loaded on demand, as
      // ECharts is, with the first chart any page draws (components/Chart.tsx).
      {
        path: 'analytics',
        lazy: async () => ({
          Component: (await import('../features/analytics/routes/AnalyticsRoute')).AnalyticsRoute,
        }),
      },
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
      // ---- participation: polls and rating votes ----
      { path: 'participation', element: <ParticipationRoute /> },
      {
        path: 'participation/polls/new',
        element: (
          <RequireRole roles={organiserRoles}>
            <PollBuilderRoute />
          </RequireRole>
        ),
      },
      { path: 'participation/polls/:id', element: <PollRoute /> },
      {
        path: 'participation/polls/:id/edit',
        element: (
          <RequireRole roles={organiserRoles}>
            <PollBuilderRoute />
          </RequireRole>
        ),
      },
      {
        path: 'participation/votes/new',
        element: (
          <RequireRole roles={organiserRoles}>
            <VoteNewRoute />
          </RequireRole>
        ),
      },
      { path: 'participation/votes/:id', element: <VoteRoute /> },
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
      // ---- participation: discussions, the opinion map, initiatives ----
      { path: 'discussions', element: <DiscussionsRoute /> },
      {
        path: 'discussions/moderation',
        element: (
          <RequireRole roles={['moderator', 'admin']}>
            <DiscussionModerationRoute />
          </RequireRole>
        ),
      },
      { path: 'discussions/:id', element: <DiscussionRoute /> },
      { path: 'discussions/:id/opinion-map', element: <OpinionMapRoute /> },
      { path: 'initiatives', element: <InitiativesRoute /> },
      { path: 'initiatives/:id', element: <InitiativeRoute /> },
      // ---- administration of the reference data ----
      {
        path: 'admin/routing-rules',
        element: (
          <RequireRole roles={['admin']}>
            <RoutingRulesRoute />
          </RequireRole>
        ),
      },
      {
        path: 'admin/categories',
        element: (
          <RequireRole roles={['admin']}>
            <CategoriesRoute />
          </RequireRole>
        ),
      },
      {
        path: 'admin/territories',
        element: (
          <RequireRole roles={['admin']}>
            <TerritoriesRoute />
          </RequireRole>
        ),
      },
      {
        path: 'admin/organisations',
        element: (
          <RequireRole roles={['admin']}>
            <OrganisationsRoute />
          </RequireRole>
        ),
      },
      {
        path: 'admin/region',
        element: (
          <RequireRole roles={['admin']}>
            <RegionSettingsRoute />
          </RequireRole>
        ),
      },
      // ---- staff accounts: the list, invitations, CSV import; the invitee's page ----
      {
        path: 'admin/staff',
        element: (
          <RequireRole roles={['admin', 'curator']}>
            <StaffAdminRoute />
          </RequireRole>
        ),
      },
      { path: 'staff/invitation', element: <AcceptInvitationRoute /> },
      // ---- notices of works and outages; city objects ----
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
      { path: 'account/confirm', element: <ConfirmEmailRoute /> },
      { path: 'account/reset', element: <ResetPasswordRoute /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
