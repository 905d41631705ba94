import type { ErrorDefinitions } from '../../lib/messages/types.ts';

/** Error codes of the category classifier and its retraining: HTTP status and a message in each UI language. */
export const classifierErrors = {
  retrain_already_queued: {
    status: 409,
    ru: 'Переобучение уже поставлено в очередь',
    en: 'A retraining is already queued',
  },
  jobs_unavailable: {
    status: 503,
    ru: 'Фоновые задачи недоступны на этом узле',
    en: 'Background jobs are not available on this node',
  },
} as const satisfies ErrorDefinitions;
