import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PhotoUploader } from '../../media/components/PhotoUploader';
import { useAddVoteItem } from '../api/add-vote-item';
import { emptyPlace, geometryOf, type PlaceDraft, placeProblem } from './item-geometry';
import { PlacePicker } from './PlacePicker';

/** Proposing an item (residents) or adding one (staff): a title, a description, a point or a line, photos. */
export function ProposalForm({ voteId, staff }: { voteId: string; staff: boolean }) {
  const { t } = useTranslation();
  const add = useAddVoteItem(voteId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [place, setPlace] = useState<PlaceDraft>(emptyPlace);
  const [tried, setTried] = useState(false);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [resetKey, setResetKey] = useState(0);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (placeProblem(place)) return;
    add.mutate(
      { title, description, geometry: geometryOf(place), photoIds },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
          setPlace(emptyPlace);
          setTried(false);
          setPhotoIds([]);
          setResetKey((k) => k + 1);
        },
      },
    );
  };

  return (
    <form className="proposal-form" onSubmit={submit} noValidate>
      <h2>{staff ? t('participation.addItem') : t('participation.propose')}</h2>
      <div className="field">
        <label htmlFor="proposal-title">{t('participation.itemTitle')}</label>
        <input id="proposal-title" value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="proposal-description">{t('participation.description')}</label>
        <textarea
          id="proposal-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <PlacePicker value={place} onChange={setPlace} showProblem={tried} />
      <PhotoUploader
        label={t('participation.photos')}
        max={5}
        onChange={setPhotoIds}
        onBusyChange={setBusy}
        resetKey={String(resetKey)}
      />
      <ErrorMessage error={add.error} />
      {add.isSuccess && (
        <p className="alert alert--success" role="status">
          {staff ? t('participation.itemAdded') : t('participation.proposalSent')}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" className="button" disabled={add.isPending || busy}>
          {staff ? t('participation.addItem') : t('participation.sendProposal')}
        </button>
      </p>
    </form>
  );
}
