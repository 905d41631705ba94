import { sql } from 'drizzle-orm';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/jobs/housekeeping.job.ts';
import { createTestApp, newResident, type Session, type TestApp } from '../support/app.ts';
import { get, openDiscussion, post } from '../support/discussions.ts';
import { plainJpeg, type Uploaded, upload, uploadFile } from '../support/media.ts';
import { encryptedPdf, PDF_SECRETS, pdfWithMetadata } from '../support/pdf-fixtures.ts';
import { errorOf, loginStaff, rows, type Staff } from '../support/reports.ts';

/** A small well-formed PDF (catalogue, empty page tree, trailer), optionally with extra objects. */
function pdf(extra = '', padTo = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R${extra}>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n`;
  const pad = padTo > body.length ? `%${'x'.repeat(padTo - body.length)}\n` : '';
  return Buffer.from(`${body}${pad}trailer <</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

type AttachmentJson = {
  id: string;
  contentType: string;
  fileName: string | null;
  url: string;
  thumbUrl: string | null;
};

describe('discussion attachments: PDF and images through the media pipeline', () => {
  let t: TestApp;
  let staff: Staff;
  let resident: Session;
  const mediaCount = async () =>
    Number((await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM media`))[0]!.n);

  beforeAll(async () => {
    // A PDF limit of 50 KB so that "oversized" stays a small test file.
    t = await createTestApp({ MAX_PDF_MB: '0.05' });
    staff = await loginStaff(t);
    resident = await newResident(t.app);
  });
  afterAll(() => t.close());

  const uploadPdf = async (who: Session, data: Buffer, name = 'Проект планировки.pdf') => {
    const res = await uploadFile(t, who, data, name, 'application/pdf');
    if (res.statusCode !== 201) throw new Error(`pdf upload: ${res.statusCode} ${res.body}`);
    return res.json() as Uploaded & { fileName: string };
  };

  it('attaches a PDF and a picture; everyone downloads the PDF with safe headers', async () => {
    const doc = await uploadPdf(staff.curator, pdf(), '../../etc/Проект: планировки\u202Egnp.pdf');
    expect(doc).toMatchObject({ contentType: 'application/pdf', thumbUrl: null, width: 0 });
    // No path, no reserved characters, no bidi override that would disguise the extension.
    expect(doc.fileName).toBe('Проект_ планировки_gnp.pdf');
    const picture = await upload(t, staff.curator);
    const d = await openDiscussion(t, staff.curator, { attachmentIds: [doc.id, picture.id] });
    const shown = (await get(t, null, `/api/v1/discussions/${d.id}`)).json() as {
      attachments: AttachmentJson[];
    };
    expect(shown.attachments.map((a) => [a.id, a.contentType, a.thumbUrl === null])).toEqual([
      [doc.id, 'application/pdf', true],
      [picture.id, 'image/jpeg', false],
    ]);

    const download = await get(t, null, shown.attachments[0]!.url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/);
    expect(disposition).toContain(encodeURIComponent('Проект'));
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A resident sees the picture too; a PDF has no thumbnail.
    expect((await get(t, resident, shown.attachments[1]!.url)).statusCode).toBe(200);
    expect((await get(t, null, `${shown.attachments[0]!.url}/thumb`)).statusCode).toBe(404);
  });

  it('stores and serves a PDF without its author, title, software or XMP, pages kept', async () => {
    const original = await pdfWithMetadata();
    expect(original.includes(PDF_SECRETS.author)).toBe(true);
    const doc = await uploadPdf(staff.curator, original);
    const d = await openDiscussion(t, staff.curator, { attachmentIds: [doc.id] });
    const shown = (await get(t, null, `/api/v1/discussions/${d.id}`)).json() as {
      attachments: AttachmentJson[];
    };
    const served = (await get(t, resident, shown.attachments[0]!.url)).rawPayload;
    // What is served is exactly what is stored, and it is the stripped file, not the upload.
    const [stored] = await rows<{ storage_key: string; bytes: number }>(
      t,
      sql`SELECT storage_key, bytes FROM media WHERE id = ${doc.id}`,
    );
    const onDisk = await readAll(t.app.ctx.storage.get(stored!.storage_key));
    expect(served.equals(onDisk)).toBe(true);
    expect(served.length).toBe(stored!.bytes);
    expect(doc.bytes).toBe(served.length);
    for (const secret of Object.values(PDF_SECRETS)) expect(served.includes(secret)).toBe(false);
    const reopened = await PDFDocument.load(served, { updateMetadata: false });
    expect(reopened.context.trailerInfo.Info).toBeUndefined();
    expect(reopened.getPageCount()).toBe(2);
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.getTitle()).toBeUndefined();
    expect(reopened.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
  });

  it('refuses what is not a passive PDF within the limit, with a specific code, storing nothing', async () => {
    const before = await mediaCount();
    const refused = async (data: Buffer, name = 'doc.pdf', type = 'application/pdf', who = staff.curator) => {
      const res = await uploadFile(t, who, data, name, type);
      return { status: res.statusCode, code: errorOf(res).code };
    };
    expect(await refused(Buffer.from('just some text, not a document'))).toEqual({
      status: 415,
      code: 'not_a_pdf',
    });
    expect(await refused(Buffer.from('%PDF-1.4\ntruncated without its end'))).toMatchObject({
      code: 'not_a_pdf',
    });
    expect(await refused(pdf('', 60_000))).toEqual({ status: 413, code: 'pdf_too_large' });
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(await refused(svg)).toEqual({ status: 415, code: 'active_content_refused' });
    const html = Buffer.from('\ufeff  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    expect(await refused(html, 'report.pdf', 'application/octet-stream')).toMatchObject({
      code: 'active_content_refused',
    });
    // The same SVG as a "picture" is refused the same way.
    expect(await refused(svg, 'map.svg', 'image/svg+xml')).toMatchObject({ code: 'active_content_refused' });
    expect(await refused(pdf(' /OpenAction 3 0 R /Names <</JavaScript 4 0 R>>'))).toEqual({
      status: 422,
      code: 'pdf_active_content',
    });
    expect(await refused(encryptedPdf())).toEqual({ status: 422, code: 'pdf_encrypted' });
    const cutOff = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0 endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
      'latin1',
    );
    expect(await refused(cutOff)).toEqual({ status: 422, code: 'pdf_unreadable' });
    expect(await refused(pdf(), 'doc.pdf', 'application/pdf', resident)).toEqual({
      status: 403,
      code: 'documents_staff_only',
    });
    expect(await mediaCount()).toBe(before);
  });

  it('lets staff attach only their own unattached uploads, edit the list, and keeps attached files from the cleanup', async () => {
    const mine = await uploadPdf(staff.curator, pdf());
    const theirs = await uploadPdf(staff.admin, pdf());
    const d = await openDiscussion(t, staff.curator, { attachmentIds: [mine.id] });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/discussions/${d.id}`,
      headers: staff.curator.headers,
      payload: { attachmentIds: [mine.id, theirs.id] },
    });
    expect(errorOf(bad)).toMatchObject({
      code: 'attachment_unusable',
      details: [expect.objectContaining({ path: 'attachmentIds.1' })],
    });
    const replacement = await upload(t, staff.curator, await plainJpeg());
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/discussions/${d.id}`,
      headers: staff.curator.headers,
      payload: { title: 'Проект набережной (вторая редакция)', attachmentIds: [replacement.id] },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Проект набережной (вторая редакция)',
      attachments: [{ id: replacement.id }],
    });
    // A resident cannot edit a discussion.
    const byResident = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/discussions/${d.id}`,
      headers: resident.headers,
      payload: { title: 'Мой заголовок' },
    });
    expect(errorOf(byResident).code).toBe('forbidden');
    // Another discussion cannot take a file that one holds.
    const taken = await post(t, staff.curator, '/api/v1/discussions', {
      title: 'Другое обсуждение',
      body: 'Текст',
      opensAt: t.clock.now().toISOString(),
      closesAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
      attachmentIds: [replacement.id],
    });
    expect(errorOf(taken).code).toBe('attachment_unusable');

    // Two days on, the cleanup removes the file taken off the list, never the attached ones.
    t.clock.advance(2 * 86_400_000);
    await runHousekeeping({ db: t.app.ctx.db, clock: t.clock, storage: t.app.ctx.storage });
    const left = await rows<{ id: string }>(
      t,
      sql`SELECT id FROM media WHERE id IN (${mine.id}, ${replacement.id}, ${theirs.id})`,
    );
    expect(left.map((r) => r.id)).toEqual([replacement.id]);
    expect((await get(t, null, `/api/v1/media/${replacement.id}`)).statusCode).toBe(200);
  });
});
