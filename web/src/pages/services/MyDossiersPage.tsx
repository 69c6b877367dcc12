import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatDate } from '../../lib/format.ts';
import { useList } from '../../lib/use-list.ts';
import { Link, type Location } from '../../router.tsx';
import { KeptDrafts } from './KeptDrafts.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import type { DossierListItem } from './types.ts';
import { useSignedIn } from './use-signed-in.ts';
import './services.css';

const hrefOf = (d: DossierListItem) =>
  d.state === 'draft' ? `/procedures/${encodeURIComponent(d.procedureCode)}/apply?draft=${encodeURIComponent(d.id)}` : `/dossiers/${encodeURIComponent(d.id)}`;

const List = () => {
  const { t, lang } = useI18n();
  const dossiers = useList<DossierListItem>(ENDPOINTS.myDossiers, 'dossiers');
  if (dossiers.kind === 'loading') return <Loading />;
  if (dossiers.kind === 'unavailable') return <p className="alert alert-info">{t('myDossiers.unavailable')}</p>;
  if (dossiers.kind === 'error') return <ProblemAlert problem={dossiers.problem} />;
  if (dossiers.items.length === 0) {
    return (
      <p>
        {t('myDossiers.none')} <Link href="/search">{t('myDossiers.find')}</Link>
      </p>
    );
  }
  const drafts = dossiers.items.filter((d) => d.state === 'draft');
  const filed = dossiers.items.filter((d) => d.state !== 'draft');
  const item = (d: DossierListItem) => (
    <li key={d.id} className="dossier-item">
      <Link href={hrefOf(d)} className="procedure-link">
        {d.procedureName ?? d.procedureCode}
      </Link>
      <span className="procedure-meta">
        <StatusBadge status={d.status} />
        {d.code ? <span className="code">{d.code}</span> : null}
        {d.state === 'draft' && d.updatedAt ? <span>{t('myDossiers.savedOn', { date: formatDate(d.updatedAt, lang) })}</span> : null}
        {d.state !== 'draft' && d.dueAt ? <span>{t('myDossiers.dueOn', { date: formatDate(d.dueAt, lang) })}</span> : null}
      </span>
    </li>
  );
  return (
    <>
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t('myDossiers.drafts')}</h2>
          <ul className="procedure-list">{drafts.map(item)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="filed-title">
        <h2 id="filed-title">{t('myDossiers.filed')}</h2>
        {filed.length > 0 ? <ul className="procedure-list">{filed.map(item)}</ul> : <p>{t('myDossiers.noneFiled')}</p>}
      </section>
    </>
  );
};

/** `/dossiers`: "Hồ sơ của tôi" — drafts to finish, and filed dossiers with their status. */
export const MyDossiersPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('citizen.dossiers')} lead={t('myDossiers.lead')}>
      {user ? (
        <>
          <p>
            <Link href="/kho-du-lieu">{t('store.link')}</Link>
          </p>
          <KeptDrafts owner={user.id} />
          <List />
        </>
      ) : (
        <Loading />
      )}
    </Page>
  );
};
