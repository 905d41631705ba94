/** Public addresses of a stored file; access is checked when the bytes are requested. */
export function mediaUrls(id: string): { url: string; thumbUrl: string } {
  return { url: `/api/v1/media/${id}`, thumbUrl: `/api/v1/media/${id}/thumb` };
}
