import sharp from 'sharp';
import { AppError } from '../../lib/errors.ts';

export type ProcessedImage = {
  full: Buffer;
  thumb: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
};

const acceptedFormats = new Set(['jpeg', 'png', 'webp', 'heif', 'gif']);
const MAX_EDGE = 2560;
const THUMB_EDGE = 400;

/**
 * Sniffs the real type from the bytes (the file name and the declared type are not trusted),
 * applies the EXIF orientation, and re-encodes: the output carries no metadata at all (EXIF, GPS,
 * XMP, ICC comments), so a photo never reveals where or on which phone it was taken.
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  let format: string | undefined;
  let hasAlpha = false;
  try {
    const meta = await sharp(input, { limitInputPixels: 100_000_000 }).metadata();
    format = meta.format;
    hasAlpha = Boolean(meta.hasAlpha);
  } catch {
    throw new AppError('unsupported_media_type', [{ path: 'file', message: 'unsupported_media_type' }]);
  }
  if (!format || !acceptedFormats.has(format))
    throw new AppError('unsupported_media_type', [{ path: 'file', message: `unsupported_media_type` }]);

  const keepPng = format === 'png' && hasAlpha;
  const base = () =>
    sharp(input, { limitInputPixels: 100_000_000, failOn: 'error' })
      .rotate()
      .resize(MAX_EDGE, MAX_EDGE, { fit: 'inside', withoutEnlargement: true });
  try {
    const encoded = keepPng
      ? base().png({ compressionLevel: 8 })
      : base().flatten({ background: '#ffffff' }).jpeg({ quality: 82, mozjpeg: true });
    const { data: full, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumb = await sharp(full)
      .resize(THUMB_EDGE, THUMB_EDGE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
    return {
      full,
      thumb,
      contentType: keepPng ? 'image/png' : 'image/jpeg',
      width: info.width,
      height: info.height,
    };
  } catch {
    throw new AppError('unsupported_media_type', [{ path: 'file', message: 'unsupported_media_type' }]);
  }
}
