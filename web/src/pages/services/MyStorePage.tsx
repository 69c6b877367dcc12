import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { Link } from '../../router.tsx';
import type { StoredPaper } from './stored-papers.ts';
import { useResource } from './use-resource.ts';
import './services.css';

const dateOf = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' }).format(new Date(iso));

/**
 * `/kho-du-lieu`: the citizen's store ("Kho dữ liệu của tôi"): papers digitised when their dossiers
 * were received, and results issued electronically. Each can be downloaded, and the dossier form
 * offers them again instead of a new upload.
 */
export const MyStorePage = () => {
  const { t } = useI18n();
  const [papers] = useResource<{ items: StoredPaper[] }>('/api/store/papers');
  if (papers.kind === 'loading') return <Loading />;
  if (papers.kind === 'error') return <ProblemAlert problem={papers.problem} />;
  const items = papers.kind === 'ok' ? papers.value.items : [];
  const results = items.filter((p) => p.kind === 'result');
  const inputs = items.filter((p) => p.kind === 'input');
  const list = (rows: StoredPaper[], id: string, title: string) => (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{t('store.none')}</p>
      ) : (
        <ul className="plain-list">
          {rows.map((p) => (
            <li key={p.id}>
              <a href={ENDPOINTS.fileDownload(p.fileId)} download>
                {p.name}
              </a>{' '}
              <small>
                {t('store.from', { code: p.dossierCode ?? '', date: dateOf(p.digitisedAt) })}{' '}
                <Link href={`/dossiers/${encodeURIComponent(p.dossierId)}`}>{t('store.openDossier')}</Link>
              </small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <Page title={t('store.title')} lead={t('store.lead')}>
      {list(results, 'store-results', t('store.results'))}
      {list(inputs, 'store-inputs', t('store.inputs'))}
    </Page>
  );
};
