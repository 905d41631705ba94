import net from 'node:net';

/**
 * A port nobody listens on right now, for a node started by a scenario or a test. Chosen below the
 * kernel's ephemeral range (32768+): a port the kernel hands out for `listen(0)` is free only until
 * an outgoing connection (a load generator's, a database client's) takes it as its local port in the
 * seconds before the node binds it — then the node cannot listen (seen: `serve --workers 3` whose
 * workers kept failing to bind, in a loaded CI run).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found below 32768');
}
