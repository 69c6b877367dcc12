import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyDisplayPrefs, readDisplayPrefs } from './lib/prefs.ts';
import { registerServiceWorker } from './lib/service-worker.ts';
import './styles/index.css';

// Apply large text / high contrast before the first paint (no inline script: CSP allows none).
applyDisplayPrefs(readDisplayPrefs());

// A transition: React renders in short slices, so a cheap phone stays responsive while the page builds.
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

registerServiceWorker();
