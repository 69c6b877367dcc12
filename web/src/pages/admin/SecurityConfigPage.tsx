import { useEffect, useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { vi } from '../../i18n/vi.ts';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { Location } from '../../router.tsx';
import { useSignedIn } from '../services/use-signed-in.ts';

type Status = 'ok' | 'warning' | 'missing';
type Check = { id: string; status: Status; title: string; detail: string };
type Report = { checkedAt: string; summary: Record<Status, number>; checks: Check[] };

const ENDPOINT = '/api/admin/security-config';

/** Each status has its own icon and word, so the state never rests on colour alone. */
const LOOK: Record<Status, { icon: string; className: string }> = {
  ok: { icon: '✓', className: 'alert alert-success' },
  warning: { icon: '⚠', className: 'alert alert-warning' },
  missing: { icon: '✗', className: 'alert alert-error' },
};

const CheckItem = ({ check }: { check: Check }) => {
  const { t } = useI18n();
  const key = `security.check.${check.id}`;
  const title = key in vi ? t(key as MessageKey) : check.title;
  const look = LOOK[check.status];
  return (
    <li className={look.className}>
      <p>
        <span aria-hidden="true">{look.icon}</span> <strong>{t(`security.status.${check.status}`)}</strong>: {title}
      </p>
      <p lang="vi">{check.detail}</p>
    </li>
  );
};

const Checks = () => {
  const { t, lang } = useI18n();
  const [round, setRound] = useState(0);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<Report>(ENDPOINT, { signal: controller.signal })
      .then((r) => {
        setReport(r);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) setProblem(error.problem);
      });
    return () => controller.abort();
  }, [round]);
  if (problem) return <ProblemAlert problem={problem} />;
  if (!report) return <Loading />;
  return (
    <>
      <p role="status">
        {t('security.summary', { ok: String(report.summary.ok), warning: String(report.summary.warning), missing: String(report.summary.missing) })}{' '}
        {t('security.checkedAt', { time: formatDateTime(report.checkedAt, lang) })}
      </p>
      <button type="button" className="button button-secondary" onClick={() => setRound((n) => n + 1)}>
        {t('security.refresh')}
      </button>
      <ul className="plain-list" style={{ listStyle: 'none', paddingLeft: 0 }} aria-label={t('security.list')}>
        {report.checks.map((c) => (
          <CheckItem key={c.id} check={c} />
        ))}
      </ul>
    </>
  );
};

/** `/quan-tri/cau-hinh-an-toan`: the administrator's view of the security controls and what is not yet set. */
export const SecurityConfigPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  return (
    <Page title={t('security.title')} lead={t('security.lead')}>
      {user ? <Checks /> : <Loading />}
    </Page>
  );
};
