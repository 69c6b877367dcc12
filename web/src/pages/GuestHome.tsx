import { Page } from '../components/Page.tsx';
import { SearchForm } from '../components/SearchForm.tsx';
import { TrackForm } from '../components/TrackForm.tsx';
import { useT } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { PublicMapPanel } from './feedback/home/PublicMapPanel.tsx';

/** The home page for someone not signed in: find a procedure, track a dossier, sign in, the feedback map. */
export const GuestHome = () => {
  const t = useT();
  return (
    <Page title={t('guest.title')} lead={t('guest.intro')}>
      <section className="panel" aria-labelledby="search-title">
        <h2 id="search-title">{t('search.title')}</h2>
        <SearchForm />
      </section>
      <section className="panel" aria-labelledby="track-title">
        <h2 id="track-title">{t('track.title')}</h2>
        <TrackForm />
      </section>
      <section className="panel" aria-labelledby="account-title">
        <h2 id="account-title">{t('guest.account.title')}</h2>
        <p>{t('guest.account.text')}</p>
        <p className="actions">
          <Link href="/login" className="button">
            {t('nav.login')}
          </Link>
          <Link href="/signup" className="button button-secondary">
            {t('nav.signup')}
          </Link>
        </p>
      </section>
      <PublicMapPanel />
    </Page>
  );
};
