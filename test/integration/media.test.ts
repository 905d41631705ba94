import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import {
  EXIF_MAKE,
  exifHasGpsPointer,
  jpegWithGps,
  noisyJpeg,
  plainJpeg,
  pngWithAlpha,
  upload,
  uploadFile,
} from '../support/media.ts';
import {
  countAudit,
  driveTo,
  errorOf,
  fileReport,
  headersOf,
  loginStaff,
  must,
  rows,
  type Staff,
  type Who,
} from '../support/reports.ts';

const MB = 1024 * 1024;

describe('media: uploads, metadata stripping, access', () => {
  let t: TestApp;
  let staff: Staff;
  let owner: Session;
  let other: Session;

  const fetchMedia = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: headersOf(who) });
  const mediaCount = async (app: TestApp = t) =>
    Number((await rows<{ n: number }>(app, sql`SELECT count(*)::int AS n FROM media`))[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
    staff = await loginStaff(t);
    owner = await newResident(t.app);
    other = await newResident(t.app);
  });
  afterAll(() => t.close());

  describe('a phone photo with EXIF and GPS', () => {
    let original: Buffer;
    let uploaded: Awaited<ReturnType<typeof upload>>;

    beforeAll(async () => {
      original = await jpegWithGps(1600, 1200);
      uploaded = await upload(t, owner, original);
    });

    it('really carries camera and GPS metadata before upload', async () => {
      const meta = await sharp(original).metadata();
      expect(meta.exif).toBeDefined();
      expect(meta.exif!.includes(Buffer.from(EXIF_MAKE))).toBe(true);
      expect(exifHasGpsPointer(meta.exif!)).toBe(true);
    });

    it('is stored (201) and audited', async () => {
      expect(uploaded).toMatchObject({
        contentType: 'image/jpeg',
        width: 1600,
        height: 1200,
        url: `/api/v1/media/${uploaded.id}`,
        thumbUrl: `/api/v1/media/${uploaded.id}/thumb`,
      });
      expect(uploaded.bytes).toBeGreaterThan(0);
      expect(await countAudit(t, 'media.upload', uploaded.id)).toBe(1);
    });

    it('comes back without any EXIF, GPS or other metadata', async () => {
      const res = await fetchMedia(owner, uploaded.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const bytes = res.rawPayload;
      expect(bytes.length).toBe(uploaded.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(bytes.includes(Buffer.from(EXIF_MAKE))).toBe(false);
      expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    });

    it('has a smaller thumbnail, also without metadata', async () => {
      const full = (await fetchMedia(owner, uploaded.url)).rawPayload;
      const res = await fetchMedia(owner, uploaded.thumbUrl);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(400);
      expect(meta.width! / meta.height!).toBeCloseTo(1600 / 1200, 1);
      expect(res.rawPayload.length).toBeLessThan(full.length);
      expect(meta.exif).toBeUndefined();
    });
  });

  it('downscales a very large photo to 2,560 px on the long edge', async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    const up = await upload(t, owner, big);
    expect(up).toMatchObject({ width: 2560, height: 1920 });
  });

  it('accepts a PNG, keeping transparency as PNG', async () => {
    const up = await upload(t, owner, await pngWithAlpha(300, 200));
    expect(up).toMatchObject({ contentType: 'image/png', width: 300, height: 200 });
    const res = await fetchMedia(owner, up.url);
    expect(res.headers['content-type']).toBe('image/png');
    expect((await sharp(res.rawPayload).metadata()).format).toBe('png');
  });

  it('accepts a phone-sized photo (3 MB) under the default limit', async () => {
    const photo = await noisyJpeg(3 * MB);
    expect(photo.length).toBeGreaterThan(2 * MB);
    const res = await uploadFile(t, owner, photo);
    expect(res.statusCode, res.body).toBe(201);
  });

  describe('refusals store nothing', () => {
    let before: number;
    beforeAll(async () => {
      before = await mediaCount();
    });
    afterAll(async () => {
      expect(await mediaCount()).toBe(before);
    });

    it('a text file named photo.jpg: 415 unsupported_media_type', async () => {
      const res = await uploadFile(
        t,
        owner,
        Buffer.from('Это не фотография, а текст.\n'.repeat(50)),
        'photo.jpg',
        'image/jpeg',
      );
      expect(res.statusCode).toBe(415);
      expect(errorOf(res).code).toBe('unsupported_media_type');
    });

    it('a truncated JPEG: 415', async () => {
      const jpeg = await plainJpeg(800, 600);
      const res = await uploadFile(t, owner, jpeg.subarray(0, 200));
      expect(res.statusCode).toBe(415);
    });

    it('a request that is not multipart: 415', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/media',
        headers: owner.headers,
        payload: { file: 'aGVsbG8=' },
      });
      expect(res.statusCode).toBe(415);
      expect(errorOf(res).code).toBe('unsupported_media_type');
    });

    it('an anonymous upload: 401', async () => {
      const res = await uploadFile(t, null, await plainJpeg());
      expect(res.statusCode).toBe(401);
      expect(errorOf(res).code).toBe('unauthenticated');
    });
  });

  describe('with MAX_UPLOAD_MB=1', () => {
    let small: TestApp;
    let resident: Session;
    beforeAll(async () => {
      small = await createTestApp({ MAX_UPLOAD_MB: '1' });
      resident = await newResident(small.app);
    });
    afterAll(() => small.close());

    it('refuses a 2 MB photo with 413 file_too_large and keeps serving', async () => {
      const photo = await noisyJpeg(2 * MB);
      expect(photo.length).toBeGreaterThan(1.5 * MB);
      const res = await uploadFile(small, resident, photo);
      expect(res.statusCode).toBe(413);
      expect(errorOf(res).code).toBe('file_too_large');
      expect(await mediaCount(small)).toBe(0);
      expect((await small.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      const next = await uploadFile(small, resident, await plainJpeg());
      expect(next.statusCode).toBe(201);
    });
  });

  describe('who may see a file', () => {
    it('an upload not yet attached: its owner only', async () => {
      const up = await upload(t, owner);
      expect((await fetchMedia(owner, up.url)).statusCode).toBe(200);
      expect((await fetchMedia(owner, up.thumbUrl)).statusCode).toBe(200);
      for (const who of [null, other] as Who[]) {
        for (const url of [up.url, up.thumbUrl]) {
          const res = await fetchMedia(who, url);
          expect(res.statusCode).toBe(404);
          expect(errorOf(res).code).toBe('media_not_found');
        }
      }
    });

    it('an upload not yet attached: not even staff who have no report to handle', async () => {
      const up = await upload(t, owner);
      for (const who of [staff.analyst, staff.opRoads, staff.moderator])
        expect((await fetchMedia(who, up.url)).statusCode).toBe(404);
    });

    it('on a public report: everyone, once a moderator has accepted it', async () => {
      const up = await upload(t, owner);
      const r = await fileReport(t, owner, { mediaIds: [up.id] });
      expect((await fetchMedia(null, up.url)).statusCode).toBe(404);
      expect((await fetchMedia(other, up.url)).statusCode).toBe(404);
      expect((await fetchMedia(staff.moderator, up.url)).statusCode).toBe(200);
      await must(t, staff.moderator, r.id, 'accept');
      for (const who of [null, other, staff.opRoads] as Who[]) {
        expect((await fetchMedia(who, up.url)).statusCode).toBe(200);
        expect((await fetchMedia(who, up.thumbUrl)).statusCode).toBe(200);
      }
    });

    it('on a private report: its author and the staff who handle it only', async () => {
      const up = await upload(t, owner);
      const r = await driveTo(t, staff, owner, 'assigned', { isPublic: false, mediaIds: [up.id] });
      expect(r.photos).toEqual([expect.objectContaining({ id: up.id })]);
      for (const who of [owner, staff.moderator, staff.opLight, staff.curator, staff.admin])
        expect((await fetchMedia(who, up.url)).statusCode).toBe(200);
      for (const who of [null, other, staff.opRoads, staff.curatorNevsky] as Who[]) {
        expect((await fetchMedia(who, up.url)).statusCode).toBe(404);
        expect((await fetchMedia(who, up.thumbUrl)).statusCode).toBe(404);
      }
    });

    it('an unknown id is 404 and a malformed one 400', async () => {
      expect((await fetchMedia(owner, `/api/v1/media/${randomUUID()}`)).statusCode).toBe(404);
      expect((await fetchMedia(owner, '/api/v1/media/not-an-id')).statusCode).toBe(400);
    });
  });
});
