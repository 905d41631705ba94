import { zodResolver } from '@hookform/resolvers/zod';
import {
  type CreateReportBody,
  REPORT_PHOTOS_MAX,
  REPORT_TEXT_MAX,
  type ReportDetail,
} from '@shared/reports/reports.schemas.ts';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { isNetworkError } from '../../../lib/api-client';
import { applyServerErrors } from '../../../lib/form-errors';
import { randomUuid } from '../../../lib/format';
import { SimilarReports } from '../../duplicates/components/SimilarReports';
import { KnowledgeSuggestions } from '../../knowledge/components/KnowledgeSuggestions';
import { PhotoUploader } from '../../media/components/PhotoUploader';
import { useCreateReport } from '../api/create-report';
import { savePendingReport } from '../offline/pending-store';
import { AppealFields } from './AppealFields';
import { CategoryFields } from './CategoryFields';
import { CategorySuggestions } from './CategorySuggestions';
import { LocationFields } from './LocationFields';
import {
  type ReportFormInput,
  type ReportFormOutput,
  reportFormFields,
  reportFormSchema,
} from './report-form-schema';

const emptyForm: ReportFormInput = {
  categoryId: '',
  text: '',
  lat: undefined as unknown as number,
  lon: undefined as unknown as number,
  address: undefined,
  mediaIds: [],
  isPublic: true,
  kind: 'report',
  locationMode: 'map',
  territoryId: '',
};

type Props = {
  userId: string;
  onCreated: (report: ReportDetail) => void;
  onSavedOffline: () => void;
  /** The city object the report is about (from the object's page). */
  objectId?: string | undefined;
  /** Where the draft starts: the object's place and address, which the resident may still move. */
  startAt?: { lat: number; lon: number; address: string | null } | undefined;
};

export function ReportForm({ userId, onCreated, onSavedOffline, objectId, startAt }: Props) {
  const { t } = useTranslation();
  const create = useCreateReport();
  // One key per draft: every retry of this draft (including the offline queue) reuses it.
  const [idempotencyKey, setIdempotencyKey] = useState(randomUuid);
  const [uploading, setUploading] = useState(false);
  const [initial] = useState<ReportFormInput>(() =>
    startAt
      ? { ...emptyForm, lat: startAt.lat, lon: startAt.lon, address: startAt.address ?? undefined }
      : emptyForm,
  );
  const form = useForm<ReportFormInput, unknown, ReportFormOutput>({
    resolver: zodResolver(reportFormSchema),
    defaultValues: initial,
  });
  const { register, handleSubmit, setValue, setError, watch, formState, reset } = form;
  const errors = formState.errors;
  const text = watch('text') ?? '';
  const categoryId = watch('categoryId');
  const [lat, lon] = watch(['lat', 'lon']);
  const kind = watch('kind');

  const startNewDraft = () => {
    reset(initial);
    setIdempotencyKey(randomUuid());
  };

  const onSubmit = handleSubmit(async (v) => {
    const body: CreateReportBody = {
      categoryId: v.categoryId,
      text: v.text,
      lat: v.lat,
      lon: v.lon,
      address: v.address,
      mediaIds: v.mediaIds,
      isPublic: v.kind === 'appeal' ? false : v.isPublic,
      kind: v.kind,
      ...(v.kind === 'appeal' ? { appellant: v.appellant } : {}),
      ...(objectId ? { objectId } : {}),
    };
    const keep = () => {
      savePendingReport({ idempotencyKey, body, userId });
      startNewDraft();
      onSavedOffline();
    };
    if (navigator.onLine === false) return keep();
    try {
      const report = await create.mutateAsync({ body, idempotencyKey });
      onCreated(report);
    } catch (error) {
      if (isNetworkError(error)) return keep();
      applyServerErrors(error, setError, reportFormFields);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form card report-form">
      <CategoryFields
        registration={register('categoryId')}
        value={categoryId}
        error={errors.categoryId?.message}
        onTopicChange={() => setValue('categoryId', '')}
      />

      <Field
        id="report-text"
        label={t('reportForm.text')}
        hint={t('reportForm.textHint')}
        error={errors.text?.message}
        required
      >
        <textarea
          id="report-text"
          rows={6}
          maxLength={REPORT_TEXT_MAX}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={`report-text-hint report-text-counter${errors.text ? ' report-text-error' : ''}`}
          {...register('text')}
        />
        <p className="counter" id="report-text-counter">
          {t('reportForm.counter', { count: text.length, max: REPORT_TEXT_MAX })}
        </p>
      </Field>
      <CategorySuggestions
        text={text}
        lat={lat}
        lon={lon}
        value={categoryId}
        onPick={(id) =>
          setValue('categoryId', id, { shouldDirty: true, shouldValidate: formState.isSubmitted })
        }
      />
      <KnowledgeSuggestions text={text} categoryId={categoryId} />

      <LocationFields form={form} />
      <SimilarReports categoryId={categoryId} lat={lat} lon={lon} text={text} />

      <PhotoUploader
        label={t('reportForm.photos')}
        hint={t('reportForm.photosHint', { count: REPORT_PHOTOS_MAX })}
        max={REPORT_PHOTOS_MAX}
        resetKey={idempotencyKey}
        error={errors.mediaIds?.message}
        onChange={(ids) => setValue('mediaIds', ids)}
        onBusyChange={setUploading}
      />

      <fieldset className="fieldset">
        <legend>{t('appeal.kind')}</legend>
        <label className="radio">
          <input type="radio" value="report" {...register('kind')} />
          {t('appeal.kindReport')}
        </label>
        <label className="radio">
          <input type="radio" value="appeal" aria-describedby="report-kind-hint" {...register('kind')} />
          {t('appeal.kindAppeal')}
        </label>
        <p className="hint" id="report-kind-hint">
          {t('appeal.kindHint')}
        </p>
      </fieldset>

      {kind === 'appeal' ? (
        <AppealFields form={form} />
      ) : (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" aria-describedby="report-public-hint" {...register('isPublic')} />
            {t('reportForm.isPublic')}
          </label>
          <p className="hint" id="report-public-hint">
            {t('reportForm.isPublicHint')}
          </p>
        </div>
      )}

      <ErrorMessage error={create.error} fields={reportFormFields} />
      {Object.keys(errors).length > 0 && !create.error && (
        <p className="alert alert--error" role="alert">
          {t('reportForm.fixErrors')}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={formState.isSubmitting || uploading}
        >
          {formState.isSubmitting
            ? t('common.sending')
            : uploading
              ? t('photos.waitUpload')
              : t('reportForm.submit')}
        </button>
      </div>
    </form>
  );
}
