import { useCallback } from 'react';
import { type SetURLSearchParams, useSearchParams } from 'react-router';

/**
 * The address's query as a page's filter state (a list's filters, its page), set at once rather than
 * in a transition, react-router's default. The inputs that show it — a ticked box, a chosen option, a
 * typed date — are controlled by the address: inside a transition React first puts the old value
 * back and shows the new one only when the transition commits, so on a busy phone a box did not tick
 * when clicked (a browser test caught it) and a date field could lose what was just typed. An effect
 * that follows the state (not a person's input) passes `flushSync: false`: React cannot flush a render
 * from inside one.
 */
export function useFilterParams(): [URLSearchParams, SetURLSearchParams] {
  const [params, setParams] = useSearchParams();
  const setNow = useCallback<SetURLSearchParams>(
    (next, options) => setParams(next, { ...options, flushSync: options?.flushSync ?? true }),
    [setParams],
  );
  return [params, setNow];
}
