import { useEffect, useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { PRIVACY_ENDPOINTS, type Notice } from './types.ts';

/** `/quyen-rieng-tu`: the public processing notice, made by the server from the register in the repository. */
export const PrivacyNoticePage = () => {
  const { t, lang } = useI18n();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api<Notice>(PRIVACY_ENDPOINTS.notice(lang), { signal: controller.signal })
      .then(setNotice)
      .catch((error: unknown) => {
        if (error instanceof ApiError) setProblem(error.problem);
      });
    return () => controller.abort();
  }, [lang]);

  return (
    <Page title={t('privacy.notice.title')} lead={t('privacy.notice.lead')}>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {!notice && !problem ? <Loading /> : null}
      {notice ? (
        <>
          <h2>{t('privacy.notice.controller')}</h2>
          <p>{notice.controller}</p>
          <h2>{t('privacy.notice.rights')}</h2>
          <ul>
            {notice.rights.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <h2>{t('privacy.notice.how')}</h2>
          <p>{notice.howToExercise}</p>
          <h2>{t('privacy.notice.data')}</h2>
          {notice.modules.map((m) => (
            <section key={m.id} className="panel" aria-labelledby={`notice-${m.id}`}>
              <h3 id={`notice-${m.id}`}>{m.name}</h3>
              <ul>
                {m.categories.map((c) => (
                  <li key={c.text}>
                    {c.text} <span className="badge">{t(`privacy.kind.${c.kind}` as MessageKey)}</span>
                  </li>
                ))}
              </ul>
              <dl>
                <dt>{t('privacy.notice.purpose')}</dt>
                <dd>{m.purpose}</dd>
                <dt>{t('privacy.notice.basis')}</dt>
                <dd>{m.legalBasis}</dd>
                <dt>{t('privacy.notice.recipients')}</dt>
                <dd>{m.recipients}</dd>
                <dt>{t('privacy.notice.retention')}</dt>
                <dd>{m.retention}</dd>
                <dt>{t('privacy.notice.storage')}</dt>
                <dd>{m.storage}</dd>
              </dl>
            </section>
          ))}
          <h2>{t('privacy.notice.breaches')}</h2>
          <p>{notice.breaches}</p>
          <h2>{t('privacy.notice.laws')}</h2>
          <ul>
            {notice.laws.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <p className="hint">{notice.version}</p>
        </>
      ) : null}
    </Page>
  );
};
