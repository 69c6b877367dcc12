import { Component, Suspense, useEffect, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { Footer } from './components/Footer.tsx';
import { Header } from './components/Header.tsx';
import { Loading } from './components/Page.tsx';
import { I18nProvider, useT } from './i18n/index.tsx';
import { SessionProvider, useSession } from './lib/session.tsx';
import { NotFoundRoute, ROUTES } from './routes.tsx';
import { matchPath, useLocation, type Location } from './router.tsx';

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};
const useOnline = () => useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);

const PageLoadError = () => {
  const t = useT();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('error.pageLoad')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </div>
  );
};

/** A page whose code cannot load (offline, new deployment) shows a message, not a blank screen. */
class PageBoundary extends Component<{ children: ReactNode }, { hasFailed: boolean }> {
  override state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  override render() {
    return this.state.hasFailed ? <PageLoadError /> : this.props.children;
  }
}

const RouteView = ({ location }: { location: Location }) => {
  for (const route of ROUTES) {
    const params = matchPath(route.path, location.path);
    if (params) return <route.page location={location} params={params} />;
  }
  return <NotFoundRoute location={location} params={{}} />;
};

const Shell = () => {
  const t = useT();
  const location = useLocation();
  const { notice, clearNotice } = useSession();
  const isOnline = useOnline();

  useEffect(() => {
    if (notice && notice.path !== location.path) clearNotice();
  }, [location.path, notice, clearNotice]);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };

  return (
    <>
      <a href="#main" className="skip-link" onClick={skipToMain}>
        {t('app.skip')}
      </a>
      <Header path={location.path} />
      <main id="main" tabIndex={-1} className="container">
        {isOnline ? null : (
          <p className="alert alert-warning" role="status">
            {t('common.offline')}
          </p>
        )}
        {notice ? (
          <p className="alert alert-success" role="status">
            {t(notice.key)}
          </p>
        ) : null}
        <PageBoundary key={location.path}>
          <Suspense fallback={<Loading />}>
            <RouteView location={location} />
          </Suspense>
        </PageBoundary>
      </main>
      <Footer />
    </>
  );
};

/** The whole web app: language, session, and the shell around the current page. */
export const App = () => (
  <I18nProvider>
    <SessionProvider>
      <Shell />
    </SessionProvider>
  </I18nProvider>
);
