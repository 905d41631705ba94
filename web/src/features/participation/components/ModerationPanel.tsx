import type { Vote, VoteItem } from '@shared/participation/votes.schemas.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useModerateVoteItem } from '../api/moderate-vote-item';
import { ItemPlace } from './ItemPlace';

function PendingItem({ vote, item }: { vote: Vote; item: VoteItem }) {
  const { t } = useTranslation();
  const moderate = useModerateVoteItem(vote.id);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState('');
  const others = vote.items.filter((i) => i.status === 'approved' && i.id !== item.id);
  const id = `moderate-${item.id}`;
  return (
    <li className="moderation-item">
      <h3>{item.title}</h3>
      <ItemPlace geometry={item.geometry} />
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by renderMarkdown */}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: item.descriptionHtml }} />
      {item.photos.length > 0 && (
        <p className="photo-strip">
          {item.photos.map((p) => (
            <img key={p.id} src={p.thumbUrl} alt={t('participation.proposalPhoto')} width={96} height={96} />
          ))}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--small"
          disabled={moderate.isPending}
          onClick={() => moderate.mutate({ itemId: item.id, body: { decision: 'approve' } })}
        >
          {t('participation.approve')}
        </button>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('participation.rejectReason')}</label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button
          type="button"
          className="button button--small button--danger"
          disabled={moderate.isPending}
          onClick={() => moderate.mutate({ itemId: item.id, body: { decision: 'reject', reason } })}
        >
          {t('participation.reject')}
        </button>
      </div>
      {others.length > 0 && (
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-merge`}>{t('participation.mergeInto')}</label>
            <select id={`${id}-merge`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">—</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button button--small button--secondary"
            disabled={moderate.isPending || !target}
            onClick={() =>
              moderate.mutate({ itemId: item.id, body: { decision: 'merge', mergeInto: target } })
            }
          >
            {t('participation.merge')}
          </button>
        </div>
      )}
      <ErrorMessage error={moderate.error} />
    </li>
  );
}

/** Proposals waiting for a decision: approve, reject with a reason, or merge into an approved item. */
export function ModerationPanel({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const pending = vote.items.filter((i) => i.status === 'pending');
  return (
    <section aria-labelledby="moderation-title">
      <h2 id="moderation-title">{t('participation.moderation', { count: pending.length })}</h2>
      {pending.length === 0 ? (
        <p>{t('participation.nothingToModerate')}</p>
      ) : (
        <ul className="moderation-list">
          {pending.map((item) => (
            <PendingItem key={item.id} vote={vote} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
