import { lazy, type ComponentType } from 'react';
import { Loading } from './components/Page.tsx';
import { useSession } from './lib/session.tsx';
import type { Location } from './router.tsx';

/**
 * The app's pages. Each page is its own chunk (React.lazy), so a guest or a citizen downloads the
 * shell plus the page in front of them, not the whole app. New modules add their routes here.
 */
export type PageProps = { location: Location; params: Record<string, string> };
type PageComponent = ComponentType<PageProps>;

const lazyPage = (load: () => Promise<PageComponent>) => {
  let loading: Promise<PageComponent> | undefined;
  const preload = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined; // let a later visit (back online) try again
      throw error;
    }));
  return Object.assign(
    lazy(async () => ({ default: await preload() })),
    { preload },
  );
};

const pages = {
  guestHome: lazyPage(() => import('./pages/GuestHome.tsx').then((m) => m.GuestHome)),
  signedInHome: lazyPage(() => import('./pages/home/SignedInHome.tsx').then((m) => m.SignedInHome)),
  login: lazyPage(() => import('./pages/LoginPage.tsx').then((m) => m.LoginPage)),
  signup: lazyPage(() => import('./pages/SignupPage.tsx').then((m) => m.SignupPage)),
  profile: lazyPage(() => import('./pages/ProfilePage.tsx').then((m) => m.ProfilePage)),
  search: lazyPage(() => import('./pages/services/ProcedureSearchPage.tsx').then((m) => m.ProcedureSearchPage)),
  track: lazyPage(() => import('./pages/services/TrackPage.tsx').then((m) => m.TrackPage)),
  procedure: lazyPage(() => import('./pages/services/ProcedureDetailPage.tsx').then((m) => m.ProcedureDetailPage)),
  apply: lazyPage(() => import('./pages/services/DossierFormPage.tsx').then((m) => m.DossierFormPage)),
  myDossiers: lazyPage(() => import('./pages/services/MyDossiersPage.tsx').then((m) => m.MyDossiersPage)),
  dossier: lazyPage(() => import('./pages/services/DossierPage.tsx').then((m) => m.DossierPage)),
  receipt: lazyPage(() => import('./pages/services/ReceiptPage.tsx').then((m) => m.ReceiptPage)),
  queue: lazyPage(() => import('./pages/officer/QueuePage.tsx').then((m) => m.QueuePage)),
  officerDossier: lazyPage(() => import('./pages/officer/OfficerDossierPage.tsx').then((m) => m.OfficerDossierPage)),
  notifications: lazyPage(() => import('./pages/notifications/NotificationsPage.tsx').then((m) => m.NotificationsPage)),
  soon: lazyPage(() => import('./pages/InfoPages.tsx').then((m) => m.SoonPage)),
  notFound: lazyPage(() => import('./pages/InfoPages.tsx').then((m) => m.NotFoundPage)),
};

/** `/`: the guest home, or the role-based home once the session is known. */
const HomeRoute = (props: PageProps) => {
  const { status } = useSession();
  if (status === 'loading') {
    void pages.guestHome.preload().catch(() => undefined);
    return <Loading />;
  }
  return status === 'signed-in' ? <pages.signedInHome {...props} /> : <pages.guestHome {...props} />;
};

export const ROUTES: { path: string; page: PageComponent }[] = [
  { path: '/', page: HomeRoute },
  { path: '/login', page: pages.login },
  { path: '/signup', page: pages.signup },
  { path: '/profile', page: pages.profile },
  { path: '/search', page: pages.search },
  { path: '/track', page: pages.track },
  { path: '/procedures/:code', page: pages.procedure },
  { path: '/procedures/:code/apply', page: pages.apply },
  { path: '/dossiers', page: pages.myDossiers },
  { path: '/dossiers/:id', page: pages.dossier },
  { path: '/dossiers/:id/receipt', page: pages.receipt },
  { path: '/officer/queue', page: pages.queue },
  { path: '/officer/dossiers/:id', page: pages.officerDossier },
  { path: '/notifications', page: pages.notifications },
  { path: '/soon/:feature', page: pages.soon },
];

export const NotFoundRoute = pages.notFound;
