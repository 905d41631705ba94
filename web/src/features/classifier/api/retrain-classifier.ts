import { retrainResponseSchema } from '@shared/classifier/classifier.schemas.ts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Queues a retraining (admin): 202 with the job id; 409 when one is already queued. */
export async function retrainClassifier(): Promise<{ jobId: string }> {
  return api('/api/v1/admin/classifier/retrain', { method: 'POST', schema: retrainResponseSchema });
}

export function useRetrainClassifier() {
  return useMutation({ mutationFn: retrainClassifier });
}
