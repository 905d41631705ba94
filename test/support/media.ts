import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { TestApp } from './app.ts';
import { headersOf, type Who } from './reports.ts';

/** One file in a multipart/form-data body, built by hand so the test controls every byte. */
export function multipart(file: { field?: string; filename: string; contentType: string; data: Buffer }) {
  const boundary = `----vmeste-test-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
      `Content-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file.data, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export function uploadFile(
  t: TestApp,
  who: Who,
  data: Buffer,
  filename = 'photo.jpg',
  contentType = 'image/jpeg',
) {
  const body = multipart({ filename, contentType, data });
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/media',
    headers: { ...headersOf(who), 'content-type': body.contentType },
    payload: body.payload,
  });
}

export type Uploaded = {
  id: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  url: string;
  thumbUrl: string;
};

/** Uploads a photo that must be accepted. */
export async function upload(t: TestApp, who: Who, data?: Buffer): Promise<Uploaded> {
  const res = await uploadFile(t, who, data ?? (await plainJpeg()));
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json() as Uploaded;
}

export const EXIF_MAKE = 'VmesteTestPhone';

/**
 * A JPEG as a phone writes it: camera make and model in IFD0 and a GPS position (IFD3) pointing
 * at Nevsky prospekt.
 */
export function jpegWithGps(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .withExif({
      IFD0: { Make: EXIF_MAKE, Model: 'Model X1' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '59/1 56/1 3/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '30/1 20/1 6/1',
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export function plainJpeg(width = 320, height = 240): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#aa6633' } })
    .jpeg()
    .toBuffer();
}

export function pngWithAlpha(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 30, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** Random pixels compress badly: a real JPEG of at least `targetBytes` (a phone photo's size). */
export async function noisyJpeg(targetBytes: number): Promise<Buffer> {
  // At quality 100, noise costs about 1.4 bytes per pixel; grow the picture until it is big enough.
  let side = Math.ceil(Math.sqrt(targetBytes / 1.4));
  for (;;) {
    const raw = randomBytes(side * side * 3);
    const jpeg = await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
      .jpeg({ quality: 100 })
      .toBuffer();
    if (jpeg.length >= targetBytes) return jpeg;
    side = Math.ceil(side * Math.sqrt(targetBytes / jpeg.length) * 1.05);
  }
}

/** Whether a JPEG's EXIF block carries a GPS IFD pointer (tag 0x8825, either byte order). */
export function exifHasGpsPointer(exif: Buffer): boolean {
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}
