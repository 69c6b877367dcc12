import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatMoney, formatNumber } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { Link } from '../../router.tsx';
import { useIdentityLevelLabel } from './IdentityLevelHelp.tsx';
import { onlineLabel, timeLimitLabel } from './labels.ts';
import type { ProcedureDetail, ProcedureDocument, ProcedureFee } from './types.ts';
import { useResource } from './use-resource.ts';
import './services.css';

const Fees = ({ fees }: { fees: ProcedureFee[] }) => {
  const { t, lang } = useI18n();
  if (fees.length === 0) return <p>{t('procedure.noFee')}</p>;
  return (
    <ul className="plain-list">
      {fees.map((fee, i) => (
        <li key={`${fee.name}-${i}`}>
          {fee.name}: <strong>{fee.amount === 0 ? t('procedure.free') : formatMoney(fee.amount, lang)}</strong>
          {fee.channel === 'online' ? ` (${t('procedure.fee.online')})` : fee.channel === 'counter' ? ` (${t('procedure.fee.counter')})` : null}
        </li>
      ))}
    </ul>
  );
};

const Documents = ({ documents }: { documents: ProcedureDocument[] }) => {
  const { t, lang } = useI18n();
  if (documents.length === 0) return <p>{t('procedure.noDocuments')}</p>;
  return (
    <ol className="document-list">
      {documents.map((d) => (
        <li key={d.code}>
          <span className="document-name">{d.name}</span>
          <span className="procedure-meta">
            <span className={d.required ? 'tag tag-required' : 'tag'}>{d.required ? t('procedure.doc.required') : t('procedure.doc.optional')}</span>
            {d.originals ? <span>{t('procedure.doc.originals', { count: formatNumber(d.originals, lang) })}</span> : null}
            {d.copies ? <span>{t('procedure.doc.copies', { count: formatNumber(d.copies, lang) })}</span> : null}
            {d.reusable ? <span>{t('procedure.doc.reusable')}</span> : null}
          </span>
          {d.template && /^(https?:\/\/|\/)/.test(d.template) ? (
            <a href={d.template} className="document-template">
              {t('procedure.doc.template')}
            </a>
          ) : d.template ? (
            <span className="hint">{t('procedure.doc.form', { form: d.template })}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
};

/** What a procedure asks and gives (`/procedures/:code`), with the way in to file a dossier. */
export const ProcedureDetailPage = ({ params }: { params: Record<string, string> }) => {
  const { t, lang } = useI18n();
  const session = useSession();
  const code = params.code ?? '';
  const [procedure] = useResource<ProcedureDetail>(ENDPOINTS.procedure(code));
  const identityLevelLabel = useIdentityLevelLabel();

  if (procedure.kind === 'loading') return <Loading />;
  if (procedure.kind === 'not-found') {
    return (
      <Page title={t('procedure.notFound')}>
        <p>
          <Link href="/search">{t('services.title')}</Link>
        </p>
      </Page>
    );
  }
  if (procedure.kind === 'error') return <ProblemAlert problem={procedure.problem} />;

  const p = procedure.value;
  const applyHref = `/procedures/${encodeURIComponent(p.code)}/apply`;
  const isCitizen = session.user?.roles.includes('citizen') ?? false;
  return (
    <Page title={p.name}>
      <p className="procedure-meta">
        <span className={p.online === 'toan-trinh' ? 'tag tag-full' : 'tag'}>{onlineLabel(t, p.online)}</span>
        <span className="code">{p.code}</span>
      </p>
      <dl className="facts panel">
        <dt>{t('procedure.field')}</dt>
        <dd>{p.field}</dd>
        <dt>{t('procedure.agency')}</dt>
        <dd>{p.level === 'commune' ? t('procedure.communeAgency') : (p.agencyName ?? p.agencyCode)}</dd>
        <dt>{t('procedure.timeLimit')}</dt>
        <dd>{timeLimitLabel(t, lang, p)}</dd>
        <dt>{t('procedure.result')}</dt>
        <dd>{p.result}</dd>
        <dt>{t('identity.level')}</dt>
        <dd>
          {identityLevelLabel(p.minIdentityLevel)}
          {p.minIdentityLevel ? <span className="hint"> {t('identity.levelNote')}</span> : null}
        </dd>
      </dl>
      <p className="actions">
        {session.status === 'guest' ? (
          <Link href={`/login?next=${encodeURIComponent(applyHref)}`} className="button">
            {t('procedure.signInToApply')}
          </Link>
        ) : isCitizen ? (
          <Link href={applyHref} className="button">
            {t('procedure.apply')}
          </Link>
        ) : null}
      </p>
      <section aria-labelledby="docs-title">
        <h2 id="docs-title">{t('procedure.documents')}</h2>
        <Documents documents={p.documents} />
      </section>
      <section aria-labelledby="fees-title">
        <h2 id="fees-title">{t('procedure.fees')}</h2>
        <Fees fees={p.fees} />
      </section>
      <section aria-labelledby="law-title">
        <h2 id="law-title">{t('procedure.legalBasis')}</h2>
        <p className="legal-basis">{p.legalBasis}</p>
      </section>
    </Page>
  );
};
