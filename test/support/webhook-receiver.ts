import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/lib/clock.ts';
import { type VerifyResult, verifySignature } from '../../src/modules/webhooks/signature.ts';

export type ReceiverMode = 'ok' | 'fail' | 'hang' | 'redirect' | 'huge';

export type Received = {
  path: string;
  event: string;
  deliveryId: string;
  timestamp: number;
  verified: VerifyResult;
  body: Record<string, unknown> & { eventId: number; report: { id: string } };
  /** What the receiver answered. */
  answered: ReceiverMode;
};

/**
 * A real HTTP receiver on loopback (port 0) that checks every request the way an integrator would:
 * signature and timestamp (against the test's clock). Its behaviour is switched by the test: answer
 * 200, 500, never answer, redirect elsewhere, or stream an endless body.
 */
export async function startReceiver(secret: () => string, clock: Clock) {
  let mode: ReceiverMode = 'ok';
  const received: Received[] = [];
  let redirectTargetHits = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/elsewhere') {
      redirectTargetHits++;
      res.writeHead(200).end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      received.push({
        path: req.url ?? '',
        event: header('x-vmeste-event'),
        deliveryId: header('x-vmeste-delivery'),
        timestamp: Number(header('x-vmeste-timestamp')),
        verified: verifySignature(
          secret(),
          { signature: header('x-vmeste-signature'), timestamp: header('x-vmeste-timestamp') },
          raw,
          Math.floor(clock.now().getTime() / 1000),
        ),
        body: JSON.parse(raw),
        answered: mode,
      });
      if (mode === 'ok') res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
      else if (mode === 'fail') res.writeHead(500).end('receiver is down');
      else if (mode === 'redirect') res.writeHead(302, { location: '/elsewhere' }).end();
      else if (mode === 'huge') streamForever(res);
      // 'hang': never answer; the sender's timeout has to end it.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    setMode: (m: ReceiverMode) => {
      mode = m;
    },
    redirectTargetHits: () => redirectTargetHits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An endless 200 body: a sender that read it all would never finish. */
function streamForever(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) {
      /* keep writing until the socket pushes back */
    }
    if (!res.destroyed) res.once('drain', pump);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  pump();
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
