import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  brokenPdf,
  encryptedPdf,
  PDF_SECRETS,
  pdfWithHiddenScript,
  pdfWithMetadata,
} from '../../../test/support/pdf-fixtures.ts';
import { AppError } from '../../lib/errors.ts';
import { checkPdf } from './document.ts';
import { stripPdfMetadata } from './pdf-metadata.ts';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('stripPdfMetadata', () => {
  it('removes the information dictionary, every XMP stream and old revisions, and keeps the pages', async () => {
    const input = await pdfWithMetadata();
    // The secrets are really in the input, so their absence below means something.
    for (const secret of Object.values(PDF_SECRETS)) expect(input.includes(secret)).toBe(true);

    const stripped = await stripPdfMetadata(input);
    for (const secret of Object.values(PDF_SECRETS)) expect(stripped.bytes.includes(secret)).toBe(false);
    expect(stripped.bytes.includes('xmpmeta')).toBe(false);
    expect(stripped.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const reopened = await PDFDocument.load(stripped.bytes, { updateMetadata: false });
    // Before the getters below: pdf-lib's getAuthor() and the like create an empty Info dictionary.
    expect(reopened.context.trailerInfo.Info).toBeUndefined();
    expect(reopened.context.trailerInfo.ID).toBeUndefined();
    expect(stripped.pageCount).toBe(2);
    expect(reopened.getPageCount()).toBe(2);
    expect(reopened.getPage(1).getSize()).toEqual({ width: 595, height: 842 });
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.getTitle()).toBeUndefined();
    expect(reopened.getCreator()).toBeUndefined();
    expect(reopened.getProducer()).toBeUndefined();
    expect(reopened.getCreationDate()).toBeUndefined();
    expect(reopened.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(reopened.getPage(0).node.get(PDFName.of('Metadata'))).toBeUndefined();
    // The page content survives (the text drawing operators of page one are still there).
    expect(reopened.getPage(0).node.Contents()).toBeDefined();
  });

  it('strips documents saved with compressed object streams too', async () => {
    const input = await pdfWithMetadata({ useObjectStreams: true });
    const stripped = await stripPdfMetadata(input);
    const reopened = await PDFDocument.load(stripped.bytes, { updateMetadata: false });
    expect(reopened.getPageCount()).toBe(2);
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(stripped.bytes.includes(PDF_SECRETS.xmp)).toBe(false);
  });

  it('refuses encrypted and unparsable documents with their own codes', async () => {
    expect(await codeOf(stripPdfMetadata(encryptedPdf()))).toBe('pdf_encrypted');
    expect(await codeOf(stripPdfMetadata(brokenPdf()))).toBe('pdf_unreadable');
    const noCatalogue = Buffer.from('%PDF-1.4\n1 0 obj <</A 1>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
    expect(await codeOf(stripPdfMetadata(noCatalogue))).toBe('pdf_unreadable');
  });

  it('finds scripts hidden in compressed object streams, which the raw-byte check cannot see', async () => {
    const input = await pdfWithHiddenScript();
    expect(() => checkPdf(input, 10_000_000)).not.toThrow();
    expect(await codeOf(stripPdfMetadata(input))).toBe('pdf_active_content');
  });
});
