import {
  type AcceptInvitation,
  acceptedInvitationSchema,
  invitationPreviewSchema,
} from '@shared/staff-admin/staff-admin.schemas.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client';

/** What the link offers, or why it no longer works (used, expired, replaced). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['staff-invitation', token],
    queryFn: ({ signal }) =>
      api(`/api/v1/staff-invitations/preview${queryString({ token })}`, {
        schema: invitationPreviewSchema,
        signal,
      }),
    retry: false,
  });
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: AcceptInvitation) =>
      api('/api/v1/staff-invitations/accept', { method: 'POST', body, schema: acceptedInvitationSchema }),
  });
}
