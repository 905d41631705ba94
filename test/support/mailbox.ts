import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from './app.ts';

export type ReceivedMail = { to: string[]; subject: string; text: string; html: string; raw: string };

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function header(block: string, name: string): string {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The decoded text/plain and text/html parts of a (multipart) message. */
function parts(raw: string): { text: string; html: string } {
  const found = { text: '', html: '' };
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`) : [raw];
  for (const chunk of chunks) {
    const split = chunk.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const body = chunk.slice(split).trim();
    const type = header(head, 'Content-Type').toLowerCase();
    const cte = header(head, 'Content-Transfer-Encoding').toLowerCase();
    const decoded =
      cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
    if (type.startsWith('text/plain')) found.text = decoded;
    if (type.startsWith('text/html')) found.html = decoded;
  }
  return found;
}

/**
 * A real SMTP server on a loopback port: the platform's mailer talks SMTP to it exactly as to a
 * production relay, and the test reads what arrived.
 */
export type Mailbox = {
  url: string;
  received: ReceivedMail[];
  /** Connections that broke mid-letter (a sender stopped while sending), kept rather than thrown. */
  broken: Error[];
  waitFor(count: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const broken: Error[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // An address with "bounce" in it is refused, as a real server refuses an unknown mailbox.
    onRcptTo(address, _session, callback) {
      if (address.address.includes('bounce')) callback(new Error('550 No such mailbox'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = chunks.join('');
        const headEnd = raw.search(/\r?\n\r?\n/);
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeWords(header(raw.slice(0, headEnd), 'Subject')),
          ...parts(raw),
          raw,
        });
        for (const w of waiters.filter((x) => received.length >= x.count)) w.resolve();
        callback();
      });
    },
  });
  // smtp-server emits a connection's error on the server when a letter was under way (a reset before
  // one is ignored): a sender stopped at a test's end, its pooled connection reset mid-letter, threw
  // it as an uncaught exception and failed a green browser run (ECONNRESET, 7 December 2026).
  server.on('error', (error: Error) => broken.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    broken,
    waitFor: (count) =>
      received.length >= count
        ? Promise.resolve(received)
        : new Promise((resolve) => waiters.push({ count, resolve: () => resolve(received) })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A test app whose letters go over SMTP to a loopback mailbox, with links to `https://vmeste.example`;
 * closing the app closes the mailbox too. `env` adds or overrides settings.
 */
export async function createTestAppWithMailbox(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; mailbox: Mailbox }> {
  const mailbox = await startMailbox();
  const t = await createTestApp({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://vmeste.example', ...env });
  const closeApp = t.close;
  t.close = async () => {
    await closeApp();
    await mailbox.close();
  };
  return { t, mailbox };
}
