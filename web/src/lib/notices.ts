import { useSyncExternalStore } from 'react';

/** Short messages announced in the page's live region (e.g. "your saved report was sent"). */
export type Notice = { id: number; text: string; tone: 'info' | 'success' | 'error' };

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function notify(text: string, tone: Notice['tone'] = 'info'): void {
  const id = nextId++;
  notices = [...notices, { id, text, tone }];
  emit();
  setTimeout(() => dismissNotice(id), 8000);
}

export function dismissNotice(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => notices,
  );
}
