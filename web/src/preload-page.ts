/**
 * Starts downloading the code of the page being opened while the app's main script is still on
 * its way. Without it a page's chunk is asked for only once the main script has arrived, run and
 * rendered the shell: one more round trip on a slow mobile link before the page shows, and a
 * second render. A tiny entry of its own, which the build puts in front of the main script in
 * index.html (vite.config.ts); it imports nothing of the app, so it runs at once. Only the pages
 * people open from outside are listed; any other page loads as before. routes.tsx imports the
 * same modules, so nothing is fetched twice.
 */
const hasSessionCookie = () => /(?:^|;\s*)tinhso_csrf=/.test(document.cookie);

const LANDING_PAGES: [RegExp, () => Promise<unknown>][] = [
  [/^\/$/, () => (hasSessionCookie() ? import('./pages/home/SignedInHome.tsx') : import('./pages/GuestHome.tsx'))],
  [/^\/search$/, () => import('./pages/services/ProcedureSearchPage.tsx')],
  [/^\/track$/, () => import('./pages/services/TrackPage.tsx')],
  [/^\/login$/, () => import('./pages/LoginPage.tsx')],
  [/^\/signup$/, () => import('./pages/SignupPage.tsx')],
  [/^\/procedures\/[^/]+$/, () => import('./pages/services/ProcedureDetailPage.tsx')],
  [/^\/feedback$/, () => import('./pages/feedback/PublicReportsPage.tsx')],
  [/^\/feedback\/reports\/[^/]+$/, () => import('./pages/feedback/PublicReportPage.tsx')],
  [/^\/tra-cuu\/ket-qua\/[^/]+$/, () => import('./pages/services/VerifyResultPage.tsx')],
];

const path = window.location.pathname.replace(/\/+$/, '') || '/';
// A failure (offline before the chunk was cached) is left to the app, which shows its own message.
LANDING_PAGES.find(([pattern]) => pattern.test(path))?.[1]().catch(() => undefined);
