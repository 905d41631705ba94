import { AppError } from '../../lib/errors.ts';

/**
 * PDF documents (a discussion's document, plans): checked from the bytes, never from the name or the
 * declared type. What the checks catch: a file that only claims to be a PDF, an SVG or HTML page
 * renamed `.pdf` (a browser would run its scripts), PDFs that carry scripts, launch actions or
 * embedded files, and oversized ones.
 */

const PDF_MAGIC = Buffer.from('%PDF-');
const EOF_MARK = Buffer.from('%%EOF');
/** Markup a browser would execute: the start of an SVG or HTML document, wherever it hides in the head. */
const ACTIVE_MARKUP = /<\s*(svg|html|script|body|head|iframe|object|embed)\b|<!doctype\s+(html|svg)|<\?xml/i;
/**
 * PDF names that run code or carry files: JavaScript, launch actions, embedded files, Flash/3-D media
 * and XFA forms. Checked on the raw bytes: a name hidden in a compressed object stream is not seen, so
 * this is a filter for the obvious, not a sandbox (documents are served as downloads, see below).
 */
const ACTIVE_PDF_NAMES = /\/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])/;

/** The name or the declared type says PDF. */
export function claimsPdf(fileName: string, declaredType: string): boolean {
  return /\.pdf$/i.test(fileName.trim()) || declaredType.toLowerCase().startsWith('application/pdf');
}

export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

/** An SVG or HTML document (a UTF-8/UTF-16 byte-order mark or leading blanks do not hide it). */
export function isActiveMarkup(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  const text =
    (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
      ? head.toString('utf16le')
      : head.toString('latin1');
  return ACTIVE_MARKUP.test(text.replace(/\0/g, ''));
}

type DocumentRefusal = 'pdf_too_large' | 'not_a_pdf' | 'active_content_refused' | 'pdf_active_content';
const refuse = (code: DocumentRefusal, message: string = code) =>
  new AppError(code, [{ path: 'file', message }]);

/** Refuses what is not a well-formed, passive PDF within the size limit. */
export function checkPdf(bytes: Buffer, maxBytes: number): void {
  if (bytes.length > maxBytes) throw refuse('pdf_too_large', `max ${maxBytes} bytes`);
  if (!isPdf(bytes)) throw refuse(isActiveMarkup(bytes) ? 'active_content_refused' : 'not_a_pdf');
  // A PDF ends with %%EOF (give or take a line break and trailing junk some writers leave).
  if (!bytes.subarray(Math.max(0, bytes.length - 2048)).includes(EOF_MARK)) throw refuse('not_a_pdf');
  if (ACTIVE_PDF_NAMES.test(bytes.toString('latin1'))) throw refuse('pdf_active_content');
}

/** Characters never kept in a served file name: paths, quotes, controls, and bidi overrides that disguise an extension. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const UNSAFE_NAME_CHARS = /[\\/:*?"<>|\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** The uploaded name made safe to show and to send back: no path, no controls, ends in `.pdf`. */
export function safePdfName(uploaded: string): string {
  const base = uploaded.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_NAME_CHARS, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const stem = cleaned
    .replace(/\.pdf$/i, '')
    .slice(0, 120)
    .trim();
  return `${stem || 'document'}.pdf`;
}

/**
 * `attachment` with an ASCII fallback and the exact name in RFC 5987 form (Russian names survive):
 * the browser saves the file instead of rendering it inside the platform's origin.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
