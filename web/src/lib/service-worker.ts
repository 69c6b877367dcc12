/**
 * Registers the service worker (web/public/sw.js) that keeps the app's shell readable offline.
 * The entry chunk's hashed file name names the build, so each deployment installs a fresh cache.
 */
export const registerServiceWorker = () => {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const build = new URL(import.meta.url).pathname.split('/').pop() || 'dev';
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?build=${encodeURIComponent(build)}`, { scope: '/' }).catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
};
