import type { CreateReportBody } from '@shared/reports/reports.schemas.ts';
import { useSyncExternalStore } from 'react';

/**
 * Reports written while the network was down, kept on the device until they are sent.
 * Each keeps its idempotency key, so a retry after a lost response cannot create a second report.
 */
export type PendingReport = {
  idempotencyKey: string;
  body: CreateReportBody;
  savedAt: string;
  /** Whose draft this is: a pending report is only sent for the same signed-in user. */
  userId: string;
  /** The last error other than "no network" (e.g. the server refused it), to show to the user. */
  lastError: string | null;
};

const storageKey = 'vmeste.pending-reports';
const listeners = new Set<() => void>();
let cache: PendingReport[] | null = null;

function read(): PendingReport[] {
  if (cache) return cache;
  try {
    const raw = localStorage.getItem(storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    cache = Array.isArray(parsed) ? (parsed as PendingReport[]) : [];
  } catch {
    cache = [];
  }
  return cache;
}

function write(items: PendingReport[]): void {
  cache = items;
  try {
    localStorage.setItem(storageKey, JSON.stringify(items));
  } catch {
    // Without storage the queue still lives in memory for this visit.
  }
  for (const l of listeners) l();
}

export function pendingReports(): PendingReport[] {
  return read();
}

export function savePendingReport(item: Omit<PendingReport, 'savedAt' | 'lastError'>): void {
  const rest = read().filter((p) => p.idempotencyKey !== item.idempotencyKey);
  write([...rest, { ...item, savedAt: new Date().toISOString(), lastError: null }]);
}

export function removePendingReport(idempotencyKey: string): void {
  write(read().filter((p) => p.idempotencyKey !== idempotencyKey));
}

export function markPendingError(idempotencyKey: string, message: string | null): void {
  write(read().map((p) => (p.idempotencyKey === idempotencyKey ? { ...p, lastError: message } : p)));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab may send or add pending reports.
  const onStorage = (e: StorageEvent) => {
    if (e.key === storageKey) {
      cache = null;
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function usePendingReports(userId: string | undefined): PendingReport[] {
  const all = useSyncExternalStore(subscribe, read);
  return userId ? all.filter((p) => p.userId === userId) : [];
}
