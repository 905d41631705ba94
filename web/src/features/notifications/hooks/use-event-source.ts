import { useEffect, useRef } from 'react';

/**
 * Subscribes to a server-sent event stream while the component is mounted (the browser reconnects
 * by itself after a network hiccup). Handlers may change between renders without reconnecting.
 */
export function useEventSource(url: string | null, handlers: Record<string, (data: unknown) => void>): void {
  const current = useRef(handlers);
  current.current = handlers;
  const names = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url, { withCredentials: true });
    const listeners = names.split(',').map((name) => {
      const listener = (e: MessageEvent<string>) => {
        try {
          current.current[name]?.(JSON.parse(e.data));
        } catch {
          // A malformed message is skipped; the next one still arrives.
        }
      };
      source.addEventListener(name, listener);
      return [name, listener] as const;
    });
    return () => {
      for (const [name, l] of listeners) source.removeEventListener(name, l);
      source.close();
    };
  }, [url, names]);
}
