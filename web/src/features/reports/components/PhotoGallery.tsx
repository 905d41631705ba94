import type { Photo } from '@shared/media/media.schemas.ts';
import { useTranslation } from 'react-i18next';

/** Thumbnails that open the full photo; `altKey` names what the photos show. */
export function PhotoGallery({
  photos,
  altKey,
}: {
  photos: Photo[];
  altKey: 'photos.reportAlt' | 'photos.answerAlt';
}) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <ul className="gallery">
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={p.url} target="_blank" rel="noreferrer">
            <img src={p.thumbUrl} alt={t(altKey, { index: i + 1, count: photos.length })} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
