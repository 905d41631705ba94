import { useTranslation } from 'react-i18next';
import { dismissNotice, useNotices } from '../lib/notices';

/** Toasts in a polite live region (always rendered, so announcements are not lost). */
export function Notices() {
  const { t } = useTranslation();
  const notices = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.tone}`}>
          <span>{n.text}</span>
          <button
            type="button"
            className="notice-close"
            onClick={() => dismissNotice(n.id)}
            aria-label={t('common.dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
