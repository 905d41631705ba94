import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveHub } from './live-hub.ts';

export type EventStream = {
  send(event: string, data: unknown): void;
  /** Runs once when the stream ends, whoever ends it (client gone, app shutting down). */
  onClose(cleanup: () => void): void;
  close(): void;
};

/**
 * Turns the reply into a server-sent event stream: the right headers, a comment line every
 * `heartbeatMs` (proxies drop silent connections; a dead client shows up as a failed write), and
 * one cleanup path for a client that leaves and for an app that shuts down, so nothing leaks.
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  hub: LiveHub,
  heartbeatMs: number,
): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write('retry: 5000\n\n');
  const cleanups: (() => void)[] = [];
  let closed = false;
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': ping\n\n');
  }, heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    untrack();
    for (const c of cleanups.splice(0)) c();
    if (!res.writableEnded) res.end();
  };
  const untrack = hub.trackStream(close);
  request.raw.on('close', close);
  res.on('error', close);
  return {
    send(event, data) {
      if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(cleanup) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
    close,
  };
}
