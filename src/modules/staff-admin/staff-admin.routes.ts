import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import { sharedRateLimit } from '../../server/plugins/shared-rate-limit.ts';
import { publicOrigin } from '../../server/public-url.ts';
import { accountMailer } from '../identity/index.ts';
import * as accounts from './staff-accounts.service.ts';
import {
  acceptedInvitationSchema,
  acceptInvitationSchema,
  invitationPreviewQuerySchema,
  invitationPreviewSchema,
  inviteStaffSchema,
  staffAccountSchema,
  staffImportResultSchema,
  staffImportSchema,
  staffInvitationListSchema,
  staffInvitationSchema,
  staffListQuerySchema,
  staffListSchema,
  staffOptionsSchema,
  staffParamsSchema,
  updateStaffSchema,
} from './staff-admin.schemas.ts';
import { importStaff } from './staff-import.service.ts';
import * as invitations from './staff-invitations.service.ts';

/** Staff accounts: invitations, roles and scope, suspension, CSV import (docs/administration.md). */
export function staffAdminRoutes(ctx: AppContext) {
  const deps: invitations.InvitationDeps = {
    db: ctx.db,
    clock: ctx.clock,
    mailer: accountMailer(ctx.config.smtpUrl, ctx.config.mailFrom),
  };
  const base = '/api/v1/admin/staff';
  const invitationsBase = '/api/v1/admin/staff-invitations';
  const tags = ['administration'];
  const perMinute = ctx.config.rateLimitWritesPerMinute;
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    app.addHook('onClose', () => deps.mailer?.close());

    r.get(
      base,
      {
        schema: {
          tags,
          summary:
            'Staff accounts with role, scope, suspension and last sign-in (admin; curator: their operators)',
          querystring: staffListQuerySchema,
          response: { 200: staffListSchema, ...errorResponses },
        },
      },
      async (request) => accounts.listStaff(deps, requireAuth(request).actor, request.query),
    );

    r.get(
      `${base}/options`,
      {
        schema: {
          tags,
          summary: 'The roles, organisations and territories the caller may give (for the forms)',
          response: { 200: staffOptionsSchema, ...errorResponses },
        },
      },
      async (request) => accounts.staffOptions(deps, requireAuth(request).actor),
    );

    r.post(
      `${base}/import`,
      {
        bodyLimit: 1_100_000,
        schema: {
          tags,
          summary: 'Invite staff from CSV (email, name, role, organisation, territory); all or nothing',
          body: staffImportSchema,
          response: { 201: staffImportResultSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await importStaff(
              deps,
              requireAuth(request).actor,
              request.body,
              publicOrigin(ctx.config, request),
            ),
          ),
    );

    r.get(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: 'One staff account',
          params: staffParamsSchema,
          response: { 200: staffAccountSchema, ...errorResponses },
        },
      },
      async (request) => accounts.getStaff(deps, requireAuth(request).actor, request.params.id),
    );

    r.patch(
      `${base}/:id`,
      {
        schema: {
          tags,
          summary: "Change an account's role and scope (audited; the last active admin stays one)",
          params: staffParamsSchema,
          body: updateStaffSchema,
          response: { 200: staffAccountSchema, ...errorResponses },
        },
      },
      async (request) =>
        accounts.updateStaff(deps, requireAuth(request).actor, request.params.id, request.body),
    );

    r.post(
      `${base}/:id/suspend`,
      {
        schema: {
          tags,
          summary: 'Suspend an account: its sessions end now and it cannot sign in',
          params: staffParamsSchema,
          response: { 200: staffAccountSchema, ...errorResponses },
        },
      },
      async (request) => accounts.suspendStaff(deps, requireAuth(request).actor, request.params.id),
    );

    r.post(
      `${base}/:id/reactivate`,
      {
        schema: {
          tags,
          summary: 'Reactivate a suspended account',
          params: staffParamsSchema,
          response: { 200: staffAccountSchema, ...errorResponses },
        },
      },
      async (request) => accounts.reactivateStaff(deps, requireAuth(request).actor, request.params.id),
    );

    r.get(
      invitationsBase,
      {
        schema: {
          tags,
          summary: 'Invitations not yet answered (pending or expired)',
          response: { 200: staffInvitationListSchema, ...errorResponses },
        },
      },
      async (request) => invitations.listInvitations(deps, requireAuth(request).actor),
    );

    r.post(
      invitationsBase,
      {
        schema: {
          tags,
          summary: 'Invite a person by e-mail to a staff role with its scope (single-use link, 7 days)',
          body: inviteStaffSchema,
          response: { 201: staffInvitationSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await invitations.invite(
              deps,
              requireAuth(request).actor,
              request.body,
              publicOrigin(ctx.config, request),
            ),
          ),
    );

    r.delete(
      `${invitationsBase}/:id`,
      {
        schema: {
          tags,
          summary: 'Revoke an invitation not yet accepted',
          params: staffParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await invitations.revoke(deps, requireAuth(request).actor, request.params.id);
        return reply.status(204).send(null);
      },
    );

    // The invitee's side: no session, the link's token is the credential.
    r.get(
      '/api/v1/staff-invitations/preview',
      {
        preHandler: sharedRateLimit(ctx, 'staff-invitation', perMinute),
        schema: {
          tags: ['identity'],
          summary: 'What an invitation link offers (role, scope), or why it no longer works',
          querystring: invitationPreviewQuerySchema,
          response: { 200: invitationPreviewSchema, ...errorResponses, 410: errorResponses[404] },
        },
      },
      async (request) => invitations.preview(deps, request.query.token),
    );

    r.post(
      '/api/v1/staff-invitations/accept',
      {
        preHandler: sharedRateLimit(ctx, 'staff-invitation', perMinute),
        schema: {
          tags: ['identity'],
          summary: 'Accept an invitation: set a password; the account gets the role and scope offered',
          body: acceptInvitationSchema,
          response: { 201: acceptedInvitationSchema, ...errorResponses, 410: errorResponses[404] },
        },
      },
      async (request, reply) => reply.status(201).send(await invitations.accept(deps, request.body)),
    );
  };
}
