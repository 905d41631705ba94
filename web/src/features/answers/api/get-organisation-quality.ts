import { organisationQualityListSchema } from '@shared/answers/answers.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Dispute rate and flagged answers of every organisation (staff). */
export function useOrganisationQuality(enabled: boolean) {
  return useQuery({
    queryKey: ['answer-quality', 'organisations'],
    queryFn: ({ signal }) =>
      api('/api/v1/answer-quality/organisations', { schema: organisationQualityListSchema, signal }),
    enabled,
  });
}
