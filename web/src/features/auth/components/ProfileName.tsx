import { zodResolver } from '@hookform/resolvers/zod';
import { type UpdateMeBody, updateMeBodySchema } from '@shared/identity/identity.schemas.ts';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { applyServerErrors } from '../../../lib/form-errors';
import { useRename } from '../api/profile';

/** The signed-in person's name, as others see it with their reports and comments, and its change. */
export function ProfileName({ name }: { name: string }) {
  const { t } = useTranslation();
  const rename = useRename();
  const { register, handleSubmit, setError, formState, reset } = useForm<UpdateMeBody>({
    resolver: zodResolver(updateMeBodySchema),
    defaultValues: { name },
  });
  const error = formState.errors.name?.message;
  const onSubmit = handleSubmit((body) =>
    rename.mutate(body, {
      onSuccess: ({ user }) => reset({ name: user.name }),
      onError: (e) => applyServerErrors(e, setError, ['name']),
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <ErrorMessage error={rename.error} fields={['name']} />
      <Field id="profile-name" label={t('profile.name')} hint={t('profile.nameHint')} error={error} required>
        <input
          id="profile-name"
          autoComplete="name"
          {...describedBy('profile-name', { error, hint: true })}
          {...register('name')}
        />
      </Field>
      <button type="submit" className="button" disabled={rename.isPending || !formState.isDirty}>
        {rename.isPending ? t('profile.saving') : t('profile.save')}
      </button>
      {rename.isSuccess && !formState.isDirty && (
        <p className="alert alert--success" role="status">
          {t('profile.nameSaved')}
        </p>
      )}
    </form>
  );
}
