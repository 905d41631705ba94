import type { Me } from '@shared/identity/identity.schemas.ts';
import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter, Navigate, type RouteObject, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { templateKeeperRoles } from '../features/answers/roles';
import { classifierRoles } from '../features/classifier/roles';
import { objectEditorRoles } from '../features/objects/roles';
import { organiserRoles } from '../features/participation/roles';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { RequireAuth, RequireRole, RequireStaff } from './RequireAuth';

/**
 * A page loaded the first time it is visited, as a chunk of its own: a visitor's first load carries
 * the app's frame and the page they opened, not every page of every role (web/README.md, "Code
 * split where it weighs"). `guard` wraps it (sign-in, a role). The service worker precaches every
 * chunk, so the pages still open offline.
 */
function page(
  load: () => Promise<ComponentType>,
  guard?: (page: ReactNode) => ReactNode,
): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page = await load();
      return { element: guard ? guard(<Page />) : <Page /> };
    },
  };
}

const signedIn = (p: ReactNode) => <RequireAuth>{p}</RequireAuth>;
const staffOnly = (p: ReactNode) => <RequireStaff>{p}</RequireStaff>;
const only = (roles: readonly Me['role'][]) => (p: ReactNode) => <RequireRole roles={roles}>{p}</RequireRole>;

/** Who writes knowledge-base articles. */
const articleEditorRoles = ['moderator', 'operator', 'curator', 'admin'] as const;

/** Who publishes notices: the region's staff and organisations' operators (for their own). */
const noticeEditorRoles = ['admin', 'moderator', 'curator', 'operator'] as const;

/** The map is the home page; `/map` is the address people guess for it (its query kept). */
function ToTheMap() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/', search }} replace />;
}

export const router = createBrowserRouter([
  {
    element: <Layout />,
    // What shows while the first page's chunk arrives, before anything else is drawn.
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, ...page(async () => (await import('../features/reports/routes/MapRoute')).MapRoute) },
      { path: 'map', element: <ToTheMap /> },
      // The address administrators guess: the administration's pages are linked from the workspace.
      { path: 'admin', element: <Navigate to="/staff" replace /> },
      {
        path: 'reports/new',
        ...page(
          async () => (await import('../features/reports/routes/NewReportRoute')).NewReportRoute,
          signedIn,
        ),
      },
      {
        path: 'reports/:id',
        ...page(async () => (await import('../features/reports/routes/ReportRoute')).ReportRoute),
      },
      // ---- knowledge base and organisation directory ----
      {
        path: 'knowledge',
        ...page(async () => (await import('../features/knowledge/routes/KnowledgeRoute')).KnowledgeRoute),
      },
      {
        path: 'knowledge/new',
        ...page(
          async () => (await import('../features/knowledge/routes/ArticleEditRoute')).ArticleEditRoute,
          only(articleEditorRoles),
        ),
      },
      {
        path: 'knowledge/:id',
        ...page(async () => (await import('../features/knowledge/routes/ArticleRoute')).ArticleRoute),
      },
      {
        path: 'knowledge/:id/edit',
        ...page(
          async () => (await import('../features/knowledge/routes/ArticleEditRoute')).ArticleEditRoute,
          only(articleEditorRoles),
        ),
      },
      {
        path: 'staff/knowledge',
        ...page(
          async () => (await import('../features/knowledge/routes/KnowledgeStatsRoute')).KnowledgeStatsRoute,
          staffOnly,
        ),
      },
      {
        path: 'organisations',
        ...page(async () => (await import('../features/directory/routes/DirectoryRoute')).DirectoryRoute),
      },
      {
        path: 'organisations/:id',
        ...page(
          async () => (await import('../features/directory/routes/OrganisationRoute')).OrganisationRoute,
        ),
      },
      {
        path: 'organisations/:id/edit',
        ...page(
          async () =>
            (await import('../features/directory/routes/OrganisationEditRoute')).OrganisationEditRoute,
          only(['admin']),
        ),
      },
      // analytics: dashboards (public figures; the matrix for analysts inside). Loaded on demand, as
      // ECharts is, with the first chart any page draws (components/Chart.tsx).
      {
        path: 'analytics',
        ...page(async () => (await import('../features/analytics/routes/AnalyticsRoute')).AnalyticsRoute),
      },
      {
        path: 'my',
        ...page(
          async () => (await import('../features/reports/routes/MyReportsRoute')).MyReportsRoute,
          signedIn,
        ),
      },
      {
        path: 'staff',
        ...page(async () => (await import('../features/staff/routes/StaffRoute')).StaffRoute, staffOnly),
      },
      {
        path: 'admin/classifier',
        ...page(
          async () => (await import('../features/classifier/routes/ClassifierRoute')).ClassifierRoute,
          only(classifierRoles),
        ),
      },
      // answer quality: the organisation's answer templates
      {
        path: 'staff/answer-templates',
        ...page(
          async () => (await import('../features/answers/routes/AnswerTemplatesRoute')).AnswerTemplatesRoute,
          only(templateKeeperRoles),
        ),
      },
      // ---- deadlines ----
      {
        path: 'admin/calendar',
        ...page(
          async () => (await import('../features/deadlines/routes/CalendarRoute')).CalendarRoute,
          only(['admin']),
        ),
      },
      // ---- participation: polls and rating votes ----
      {
        path: 'participation',
        ...page(
          async () =>
            (await import('../features/participation/routes/ParticipationRoute')).ParticipationRoute,
        ),
      },
      {
        path: 'participation/polls/new',
        ...page(
          async () => (await import('../features/participation/routes/PollBuilderRoute')).PollBuilderRoute,
          only(organiserRoles),
        ),
      },
      {
        path: 'participation/polls/:id',
        ...page(async () => (await import('../features/participation/routes/PollRoute')).PollRoute),
      },
      {
        path: 'participation/polls/:id/edit',
        ...page(
          async () => (await import('../features/participation/routes/PollBuilderRoute')).PollBuilderRoute,
          only(organiserRoles),
        ),
      },
      {
        path: 'participation/votes/new',
        ...page(
          async () => (await import('../features/participation/routes/VoteNewRoute')).VoteNewRoute,
          only(organiserRoles),
        ),
      },
      {
        path: 'participation/votes/:id',
        ...page(async () => (await import('../features/participation/routes/VoteRoute')).VoteRoute),
      },
      // ---- notifications ----
      {
        path: 'notifications',
        ...page(
          async () =>
            (await import('../features/notifications/routes/NotificationsRoute')).NotificationsRoute,
          signedIn,
        ),
      },
      {
        path: 'profile',
        ...page(
          async () => (await import('../features/notifications/routes/ProfileRoute')).ProfileRoute,
          signedIn,
        ),
      },
      // ---- API keys (branch open311) ----
      {
        path: 'admin/api-keys',
        ...page(
          async () => (await import('../features/api-keys/routes/ApiKeysRoute')).ApiKeysRoute,
          only(['admin']),
        ),
      },
      // ---- end of the open311 block ----
      // ---- outbound webhooks ----
      {
        path: 'admin/webhooks',
        ...page(
          async () => (await import('../features/webhooks/routes/WebhooksRoute')).WebhooksRoute,
          only(['admin']),
        ),
      },
      // ---- participation: discussions, the opinion map, initiatives ----
      {
        path: 'discussions',
        ...page(
          async () => (await import('../features/discussions/routes/DiscussionsRoute')).DiscussionsRoute,
        ),
      },
      {
        path: 'discussions/moderation',
        ...page(
          async () =>
            (await import('../features/discussions/routes/DiscussionModerationRoute'))
              .DiscussionModerationRoute,
          only(['moderator', 'admin']),
        ),
      },
      {
        path: 'discussions/:id',
        ...page(async () => (await import('../features/discussions/routes/DiscussionRoute')).DiscussionRoute),
      },
      {
        path: 'discussions/:id/opinion-map',
        ...page(async () => (await import('../features/discussions/routes/OpinionMapRoute')).OpinionMapRoute),
      },
      {
        path: 'initiatives',
        ...page(
          async () => (await import('../features/initiatives/routes/InitiativesRoute')).InitiativesRoute,
        ),
      },
      {
        path: 'initiatives/:id',
        ...page(async () => (await import('../features/initiatives/routes/InitiativeRoute')).InitiativeRoute),
      },
      // ---- administration of the reference data ----
      {
        path: 'admin/routing-rules',
        ...page(
          async () => (await import('../features/reference/routes/RoutingRulesRoute')).RoutingRulesRoute,
          only(['admin']),
        ),
      },
      {
        path: 'admin/categories',
        ...page(
          async () => (await import('../features/reference/routes/CategoriesRoute')).CategoriesRoute,
          only(['admin']),
        ),
      },
      {
        path: 'admin/territories',
        ...page(
          async () => (await import('../features/reference/routes/TerritoriesRoute')).TerritoriesRoute,
          only(['admin']),
        ),
      },
      {
        path: 'admin/organisations',
        ...page(
          async () => (await import('../features/reference/routes/OrganisationsRoute')).OrganisationsRoute,
          only(['admin']),
        ),
      },
      {
        path: 'admin/region',
        ...page(
          async () => (await import('../features/reference/routes/RegionSettingsRoute')).RegionSettingsRoute,
          only(['admin']),
        ),
      },
      // ---- staff accounts: the list, invitations, CSV import; the invitee's page ----
      {
        path: 'admin/staff',
        ...page(
          async () => (await import('../features/staff-admin/routes/StaffAdminRoute')).StaffAdminRoute,
          only(['admin', 'curator']),
        ),
      },
      {
        path: 'staff/invitation',
        ...page(
          async () =>
            (await import('../features/staff-admin/routes/AcceptInvitationRoute')).AcceptInvitationRoute,
        ),
      },
      // ---- notices of works and outages; city objects ----
      {
        path: 'notices',
        ...page(async () => (await import('../features/notices/routes/NoticesRoute')).NoticesRoute),
      },
      {
        path: 'notices/new',
        ...page(
          async () => (await import('../features/notices/routes/NoticeEditRoute')).NoticeEditRoute,
          only(noticeEditorRoles),
        ),
      },
      {
        path: 'notices/subscriptions',
        ...page(
          async () =>
            (await import('../features/notices/routes/NoticeSubscriptionsRoute')).NoticeSubscriptionsRoute,
          signedIn,
        ),
      },
      {
        path: 'notices/:id',
        ...page(async () => (await import('../features/notices/routes/NoticeRoute')).NoticeRoute),
      },
      {
        path: 'notices/:id/edit',
        ...page(
          async () => (await import('../features/notices/routes/NoticeEditRoute')).NoticeEditRoute,
          only(noticeEditorRoles),
        ),
      },
      {
        path: 'objects',
        ...page(async () => (await import('../features/objects/routes/ObjectsRoute')).ObjectsRoute),
      },
      {
        path: 'objects/new',
        ...page(
          async () => (await import('../features/objects/routes/ObjectEditRoute')).ObjectEditRoute,
          only(objectEditorRoles),
        ),
      },
      {
        path: 'objects/:id/edit',
        ...page(
          async () => (await import('../features/objects/routes/ObjectEditRoute')).ObjectEditRoute,
          only(objectEditorRoles),
        ),
      },
      {
        path: 'objects/:id',
        ...page(async () => (await import('../features/objects/routes/ObjectRoute')).ObjectRoute),
      },
      {
        path: 'admin/objects',
        ...page(
          async () => (await import('../features/objects/routes/ObjectsAdminRoute')).ObjectsAdminRoute,
          only(['admin']),
        ),
      },
      { path: 'login', ...page(async () => (await import('../features/auth/routes/LoginRoute')).LoginRoute) },
      {
        path: 'register',
        ...page(async () => (await import('../features/auth/routes/RegisterRoute')).RegisterRoute),
      },
      {
        path: 'account/confirm',
        ...page(async () => (await import('../features/auth/routes/ConfirmEmailRoute')).ConfirmEmailRoute),
      },
      {
        path: 'account/email',
        ...page(
          async () =>
            (await import('../features/auth/routes/ConfirmEmailChangeRoute')).ConfirmEmailChangeRoute,
        ),
      },
      {
        path: 'account/reset',
        ...page(async () => (await import('../features/auth/routes/ResetPasswordRoute')).ResetPasswordRoute),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
