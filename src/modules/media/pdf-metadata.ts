import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef, PDFStream } from 'pdf-lib';
import { AppError } from '../../lib/errors.ts';

/**
 * Removing what a PDF says about who made it, as photos lose their EXIF: the document information
 * dictionary (Title, Author, Subject, Keywords, Creator, Producer, dates), every XMP `/Metadata`
 * stream (the catalogue's, a page's, an image's), applications' private `/PieceInfo` data and the
 * file identifier (`/ID`, often a hash of the author's machine, path and time).
 *
 * The document is parsed and written anew, keeping only the objects reachable from its catalogue, so
 * nothing survives from earlier revisions of an incrementally saved file (an old Info dictionary is
 * still in the bytes of such a file, merely unreferenced). A document that cannot be parsed, or is
 * encrypted (its objects cannot be read, so they cannot be cleaned), is refused, never stored as it
 * came.
 */

/** Keys that carry metadata and nothing a reader needs to show the document. */
const METADATA_KEYS = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];

/**
 * Names that run code or carry files (as keys or as values: `/S /JavaScript`, `/Names <</EmbeddedFiles
 * …>>`). document.ts looks for them in the raw bytes; here they are seen in every parsed object, also
 * those that were hidden in compressed object streams.
 */
const ACTIVE_NAMES = new Set(
  ['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA'].map((n) =>
    PDFName.of(n),
  ),
);

const refuse = (code: 'pdf_encrypted' | 'pdf_unreadable' | 'pdf_active_content') =>
  new AppError(code, [{ path: 'file', message: code }]);

export type StrippedPdf = { bytes: Buffer; pageCount: number };

export async function stripPdfMetadata(input: Buffer): Promise<StrippedPdf> {
  const doc = await loadPdf(input);
  const { context } = doc;
  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;

  // Walk every object reachable from the catalogue: drop the metadata keys, look for active content,
  // and remember what is reachable so that everything else (the Info dictionary, the XMP streams,
  // earlier revisions' leftovers) is left out of the new file.
  const reachable = new Set<PDFRef>();
  const pending: PDFObject[] = [context.trailerInfo.Root as PDFObject];
  let activeContent = false;
  while (pending.length > 0) {
    const object = pending.pop();
    if (object instanceof PDFRef) {
      if (reachable.has(object)) continue;
      reachable.add(object);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      for (const key of METADATA_KEYS) dict.delete(key);
      for (const [key, value] of dict.entries()) {
        if (ACTIVE_NAMES.has(key) || ACTIVE_NAMES.has(value as PDFName)) activeContent = true;
        pending.push(value);
      }
    } else if (object instanceof PDFArray) {
      pending.push(...object.asArray());
    }
  }
  if (activeContent) throw refuse('pdf_active_content');
  for (const [ref] of context.enumerateIndirectObjects()) if (!reachable.has(ref)) context.delete(ref);

  try {
    // Classic cross-reference table and no object streams: the header says 1.7, and PDF readers
    // older than 1.5 could not read object streams anyway. No default page, no regenerated form
    // appearances: the document is kept as it is but for its metadata.
    const output = await doc.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
    });
    return { bytes: Buffer.from(output), pageCount: doc.getPageCount() };
  } catch {
    throw refuse('pdf_unreadable');
  }
}

/** Parses the document strictly (an invalid object refuses it) and checks that its page tree can be walked. */
async function loadPdf(input: Buffer): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false, or pdf-lib would write its own Producer, Creator and dates. Encryption
    // is looked at here rather than through pdf-lib's EncryptedPDFError, which `instanceof` cannot
    // recognise (the library is compiled to ES5, where subclasses of Error lose their prototype).
    doc = await PDFDocument.load(input, {
      updateMetadata: false,
      throwOnInvalidObject: true,
      ignoreEncryption: true,
    });
    if (!(doc.catalog instanceof PDFDict)) throw new Error('no catalogue');
  } catch {
    throw refuse('pdf_unreadable');
  }
  if (doc.isEncrypted) throw refuse('pdf_encrypted');
  try {
    doc.getPages();
  } catch {
    throw refuse('pdf_unreadable');
  }
  return doc;
}
