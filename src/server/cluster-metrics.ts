import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * `/metrics` across `serve --workers N`: a scrape reaches one worker (the kernel picks it), but it
 * must answer for the whole node. The worker asks the cluster primary, which gathers every worker's
 * registry over IPC (prom-client's AggregatorRegistry: counters and histograms summed, gauges by
 * each metric's aggregator) and sends the text back. Without a primary (one process) the worker's
 * own registry is the node's.
 */
const REQUEST = 'cluster-metrics:request';
const RESPONSE = 'cluster-metrics:response';
const TIMEOUT_MS = 5_000;

type Message = { type?: string; id?: number; text?: string; error?: string };

/** In the primary: answers the workers' requests for the aggregated metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Message) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ type: RESPONSE, id: message.id, text }),
      (err: unknown) =>
        worker.isConnected() &&
        worker.send({
          type: RESPONSE,
          id: message.id,
          error: err instanceof Error ? err.message : String(err),
        }),
    );
  });
}

let nextId = 0;

/** In a worker: offers this app's registry to the primary's gatherings. */
export function joinClusterMetrics(registry: Registry): void {
  if (!cluster.isWorker) return;
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one in a worker installs prom-client's answer to the primary's requests.
  new AggregatorRegistry();
}

/** The node's metrics: the primary's aggregate in a cluster worker, else null (use the own registry). */
export function clusterMetrics(): Promise<string | null> {
  if (!cluster.isWorker || !process.send) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message?.type !== RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the cluster primary did not answer for the metrics within 5 s'));
    }, TIMEOUT_MS);
    process.on('message', onMessage);
    process.send?.({ type: REQUEST, id });
  });
}
