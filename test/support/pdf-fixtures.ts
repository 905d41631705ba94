import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

/** What the made-up author wrote into the document, each findable in the file's bytes. */
export const PDF_SECRETS = {
  author: 'Ivan Petrovich Sidorov',
  title: 'Draft of the riverside plan',
  creator: 'VmesteTestWriter',
  producer: 'VmesteTestProducer',
  xmp: 'vmeste-test-xmp-author',
  pageXmp: 'vmeste-test-page-xmp',
  oldRevision: 'vmeste-test-old-revision-author',
} as const;

const xmpPacket = (who: string) =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">` +
  `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description ` +
  `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${who}</dc:creator></rdf:Description>` +
  `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/**
 * A real two-page PDF as an office suite writes it: an information dictionary (title, author,
 * creator, producer, dates), an XMP stream on the catalogue and on the first page, and a leftover
 * information dictionary of an earlier revision that nothing references any more. Strings are
 * written as literal (latin-1) strings and nothing is compressed, so a test can look for each
 * secret in the bytes.
 */
export async function pdfWithMetadata(options: { useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['Page one of the plan', 'Page two of the plan']) {
    doc.addPage([595, 842]).drawText(text, { x: 50, y: 780, size: 14, font });
  }
  const { context } = doc;
  const literal = (s: string) => PDFString.of(s);
  context.trailerInfo.Info = context.register(
    context.obj({
      Title: literal(PDF_SECRETS.title),
      Author: literal(PDF_SECRETS.author),
      Creator: literal(PDF_SECRETS.creator),
      Producer: literal(PDF_SECRETS.producer),
      CreationDate: literal('D:20260101120000Z'),
      ModDate: literal('D:20260102120000Z'),
    }),
  );
  context.register(context.obj({ Author: literal(PDF_SECRETS.oldRevision) }));
  const xmpStream = (who: string) =>
    context.register(context.stream(xmpPacket(who), { Type: 'Metadata', Subtype: 'XML' }));
  doc.catalog.set(PDFName.of('Metadata'), xmpStream(PDF_SECRETS.xmp));
  doc.getPage(0).node.set(PDFName.of('Metadata'), xmpStream(PDF_SECRETS.pageXmp));
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams ?? false }));
}

/**
 * A one-page PDF whose opening action runs JavaScript, saved with compressed object streams: the
 * action is inside a deflated stream, invisible to a search of the raw bytes.
 */
export async function pdfWithHiddenScript(): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.addPage([200, 200]);
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A PDF whose trailer names an encryption dictionary (RC4, revision 2: what old writers make). */
export function encryptedPdf(): Buffer {
  const body =
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
    '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    `3 0 obj <</Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44>> endobj\n`;
  return Buffer.from(`${body}trailer <</Root 1 0 R /Encrypt 3 0 R>>\n%%EOF\n`, 'latin1');
}

/** Starts and ends like a PDF, but the page object in the middle is cut off (its dictionary never closes). */
export function brokenPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842 endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}
