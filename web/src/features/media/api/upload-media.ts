import { type MediaUpload, mediaUploadResponseSchema } from '@shared/media/media.schemas.ts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export async function uploadMedia(file: File): Promise<MediaUpload> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api('/api/v1/media', { method: 'POST', body: form, schema: mediaUploadResponseSchema });
}

export function useUploadMedia() {
  return useMutation({ mutationFn: uploadMedia });
}
