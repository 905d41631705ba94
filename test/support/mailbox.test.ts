import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Mailbox, startMailbox } from './mailbox.ts';
import { eventually } from './timeouts.ts';

/** Sends one SMTP line and waits for the reply line starting with `code`. */
function say(socket: Socket, line: string, code: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.split('\r\n').some((l) => l.startsWith(`${code} `))) {
        socket.off('data', onData);
        resolve();
      } else if (/^[45]\d\d /m.test(text)) reject(new Error(`"${line}" refused: ${text}`));
    };
    socket.on('data', onData);
    socket.write(`${line}\r\n`);
  });
}

let mailbox: Mailbox | undefined;
afterEach(async () => {
  await mailbox?.close();
});

describe('the loopback mailbox', () => {
  it('keeps a connection reset in the middle of a letter instead of throwing it', async () => {
    mailbox = await startMailbox();
    const { port } = new URL(mailbox.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    await say(socket, 'EHLO sender.test', '250');
    await say(socket, 'MAIL FROM:<noreply@vmeste.example>', '250');
    // As a sender's pooled connection is cut when its process stops: a TCP reset, not a QUIT.
    socket.resetAndDestroy();
    const broken = await eventually('the reset kept', () =>
      mailbox?.broken.length ? mailbox.broken : undefined,
    );
    expect(broken.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECONNRESET']);
    expect(mailbox.received).toEqual([]);
  });
});
