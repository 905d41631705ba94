/** The service worker caches the app shell so the app opens offline; only in production builds. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // Without a worker the app still works online; say why in the console for operators.
      console.warn('Service worker registration failed', error);
    });
  });
}
