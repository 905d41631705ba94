import {
  type InviteStaff,
  type StaffImport,
  staffImportResultSchema,
  staffInvitationListSchema,
  staffInvitationSchema,
} from '@shared/staff-admin/staff-admin.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { staffQueryKey } from './staff-accounts';

const invitationsKey = [...staffQueryKey, 'invitations'] as const;

/** Invitations not yet accepted (pending, or expired unanswered). */
export function useInvitations() {
  return useQuery({
    queryKey: invitationsKey,
    queryFn: ({ signal }) =>
      api('/api/v1/admin/staff-invitations', { schema: staffInvitationListSchema, signal }),
    staleTime: 0,
  });
}

function useInvitationMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useInvite() {
  return useInvitationMutation((body: InviteStaff) =>
    api('/api/v1/admin/staff-invitations', { method: 'POST', body, schema: staffInvitationSchema }),
  );
}

export function useRevokeInvitation() {
  return useInvitationMutation(async (id: string) => {
    await api(`/api/v1/admin/staff-invitations/${id}`, { method: 'DELETE' });
  });
}

/** All or nothing: a refusal lists each problem as `lines.<n>.<column>`. */
export function useImportStaff() {
  return useInvitationMutation((body: StaffImport) =>
    api('/api/v1/admin/staff/import', { method: 'POST', body, schema: staffImportResultSchema }),
  );
}
