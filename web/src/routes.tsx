import { lazy, type ComponentType } from 'react';
import { Loading } from './components/Page.tsx';
import { hasSessionCookie, useSession } from './lib/session.tsx';
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
  myStore: lazyPage(() => import('./pages/services/MyStorePage.tsx').then((m) => m.MyStorePage)),
  verifyResult: lazyPage(() => import('./pages/services/VerifyResultPage.tsx').then((m) => m.VerifyResultPage)),
  queue: lazyPage(() => import('./pages/officer/QueuePage.tsx').then((m) => m.QueuePage)),
  officerDossier: lazyPage(() => import('./pages/officer/OfficerDossierPage.tsx').then((m) => m.OfficerDossierPage)),
  counter: lazyPage(() => import('./pages/officer/CounterPage.tsx').then((m) => m.CounterPage)),
  feedbackPublic: lazyPage(() => import('./pages/feedback/PublicReportsPage.tsx').then((m) => m.PublicReportsPage)),
  feedbackPublicReport: lazyPage(() => import('./pages/feedback/PublicReportPage.tsx').then((m) => m.PublicReportPage)),
  feedbackNew: lazyPage(() => import('./pages/feedback/new/NewReportPage.tsx').then((m) => m.NewReportPage)),
  feedbackMine: lazyPage(() => import('./pages/feedback/MyReportsPage.tsx').then((m) => m.MyReportsPage)),
  feedbackMyReport: lazyPage(() => import('./pages/feedback/MyReportPage.tsx').then((m) => m.MyReportPage)),
  feedbackQueue: lazyPage(() => import('./pages/feedback/staff/FeedbackQueuePage.tsx').then((m) => m.FeedbackQueuePage)),
  feedbackModeration: lazyPage(() => import('./pages/feedback/staff/ModerationQueuePage.tsx').then((m) => m.ModerationQueuePage)),
  feedbackStaffReport: lazyPage(() => import('./pages/feedback/staff/StaffReportPage.tsx').then((m) => m.StaffReportPage)),
  notifications: lazyPage(() => import('./pages/notifications/NotificationsPage.tsx').then((m) => m.NotificationsPage)),
  iocDashboard: lazyPage(() => import('./pages/ioc/IocDashboardPage.tsx').then((m) => m.IocDashboardPage)),
  iocAgency: lazyPage(() => import('./pages/ioc/IocAgencyPage.tsx').then((m) => m.IocAgencyPage)),
  iocDossiers: lazyPage(() => import('./pages/ioc/IocDossiersPage.tsx').then((m) => m.IocDossiersPage)),
  ioc766: lazyPage(() => import('./pages/ioc/Index766Page.tsx').then((m) => m.Index766Page)),
  iocPayments: lazyPage(() => import('./pages/ioc/PaymentReconciliationPage.tsx').then((m) => m.PaymentReconciliationPage)),
  privacyNotice: lazyPage(() => import('./pages/privacy/PrivacyNoticePage.tsx').then((m) => m.PrivacyNoticePage)),
  myData: lazyPage(() => import('./pages/privacy/MyDataPage.tsx').then((m) => m.MyDataPage)),
  privacyRequests: lazyPage(() => import('./pages/privacy/RequestsQueuePage.tsx').then((m) => m.RequestsQueuePage)),
  privacyBreaches: lazyPage(() => import('./pages/privacy/BreachesPage.tsx').then((m) => m.BreachesPage)),
  securityConfig: lazyPage(() => import('./pages/admin/SecurityConfigPage.tsx').then((m) => m.SecurityConfigPage)),
  usersAdmin: lazyPage(() => import('./pages/admin/UsersPage.tsx').then((m) => m.UsersPage)),
  soon: lazyPage(() => import('./pages/InfoPages.tsx').then((m) => m.SoonPage)),
  notFound: lazyPage(() => import('./pages/InfoPages.tsx').then((m) => m.NotFoundPage)),
};

/** `/`: the guest home, or the role-based home once the session is known. */
const HomeRoute = (props: PageProps) => {
  const { status } = useSession();
  if (status === 'loading') {
    // Fetched while the session is asked about: the home this visitor will most likely see.
    void (hasSessionCookie() ? pages.signedInHome : pages.guestHome).preload().catch(() => undefined);
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
  { path: '/kho-du-lieu', page: pages.myStore },
  { path: '/tra-cuu/ket-qua/:id', page: pages.verifyResult },
  { path: '/officer/queue', page: pages.queue },
  { path: '/officer/dossiers/:id', page: pages.officerDossier },
  { path: '/officer/counter', page: pages.counter },
  { path: '/feedback', page: pages.feedbackPublic },
  { path: '/feedback/new', page: pages.feedbackNew },
  { path: '/feedback/mine', page: pages.feedbackMine },
  { path: '/feedback/mine/:id', page: pages.feedbackMyReport },
  { path: '/feedback/reports/:id', page: pages.feedbackPublicReport },
  { path: '/officer/feedback', page: pages.feedbackQueue },
  { path: '/officer/feedback/moderation', page: pages.feedbackModeration },
  { path: '/officer/feedback/:id', page: pages.feedbackStaffReport },
  { path: '/notifications', page: pages.notifications },
  { path: '/ioc', page: pages.iocDashboard },
  { path: '/ioc/index-766', page: pages.ioc766 },
  { path: '/ioc/payments', page: pages.iocPayments },
  { path: '/ioc/agencies/:agencyId', page: pages.iocAgency },
  { path: '/ioc/agencies/:agencyId/procedures/:code', page: pages.iocDossiers },
  { path: '/quyen-rieng-tu', page: pages.privacyNotice },
  { path: '/du-lieu-cua-toi', page: pages.myData },
  { path: '/quan-tri/yeu-cau-du-lieu', page: pages.privacyRequests },
  { path: '/quan-tri/su-co-du-lieu', page: pages.privacyBreaches },
  { path: '/quan-tri/cau-hinh-an-toan', page: pages.securityConfig },
  { path: '/quan-tri/nguoi-dung', page: pages.usersAdmin },
  { path: '/soon/:feature', page: pages.soon },
];

export const NotFoundRoute = pages.notFound;
