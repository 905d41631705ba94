import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import {
  canView,
  factsOf,
  findReport,
  isAuthor,
  loadVisibleReport,
  staffOnlyEvents,
} from '../reports/index.ts';
import type { LiveEvent, LiveHub } from './live-hub.ts';
import { openEventStream } from './sse.ts';

type Deps = { db: Db; hub: LiveHub; heartbeatMs: number };

/**
 * A report page's live stream. The viewer must be allowed to see the report when the stream opens
 * (otherwise 404, exactly like reading it) and at every change: a report that becomes hidden from
 * them (rejected, made private) sends `gone` and ends the stream. Internal events reach only its
 * author and staff, as on the timeline; the message carries no payload, only what changed, and the
 * page re-reads what it may see.
 */
export async function followReport(
  deps: Deps,
  actor: Actor | null,
  request: FastifyRequest,
  reply: FastifyReply,
  reportId: string,
): Promise<void> {
  const first = await loadVisibleReport(deps.db, actor, reportId);
  const stream = openEventStream(request, reply, deps.hub, deps.heartbeatMs);
  let queue = Promise.resolve();
  const onEvent = (e: LiveEvent) => {
    // One at a time, in timeline order.
    queue = queue
      .then(async () => {
        const row = await findReport(deps.db, reportId);
        if (!row || !canView(factsOf(row), actor)) {
          stream.send('gone', { reportId });
          stream.close();
          return;
        }
        // As on the timeline: the author hears of internal events except the staff-only ones.
        const seesInternal =
          isStaff(actor) ||
          (actor !== null && isAuthor(factsOf(row), actor) && !staffOnlyEvents.includes(e.type));
        if (!e.isPublic && !seesInternal) return;
        stream.send('status', { reportId, eventId: e.id, type: e.type, status: row.status });
      })
      .catch(() => stream.close());
  };
  stream.onClose(await deps.hub.subscribeReport(reportId, onEvent));
  stream.send('ready', { reportId, status: first.status });
}
