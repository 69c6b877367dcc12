import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { pendingDrafts, type LocalDraft } from '../../lib/offline-drafts.ts';
import { Link } from '../../router.tsx';

/**
 * On "Hồ sơ của tôi": drafts written offline that exist only on this device so far (the server's
 * list cannot show them). Each opens in the form, which sends it as soon as there is a network.
 */
export const KeptDrafts = ({ owner }: { owner: string }) => {
  const { t, lang } = useI18n();
  const [drafts, setDrafts] = useState<LocalDraft[]>([]);

  useEffect(() => {
    let isCurrent = true;
    const load = () =>
      void pendingDrafts(owner).then((found) => {
        if (isCurrent) setDrafts(found.filter((d) => !d.serverId));
      });
    load();
    // Sent in the background once the network returns: read again a little later.
    const onOnline = () => window.setTimeout(load, 3000);
    window.addEventListener('online', onOnline);
    return () => {
      isCurrent = false;
      window.removeEventListener('online', onOnline);
    };
  }, [owner]);

  if (drafts.length === 0) return null;
  return (
    <section className="panel panel-attention" aria-labelledby="kept-drafts-title">
      <h2 id="kept-drafts-title">{t('offline.pendingTitle')}</h2>
      <p className="hint">{t('offline.pendingLead')}</p>
      <ul className="procedure-list">
        {drafts.map((d) => (
          <li key={d.key} className="dossier-item">
            <Link href={`/procedures/${encodeURIComponent(d.procedureCode)}/apply?local=${encodeURIComponent(d.key)}`} className="procedure-link">
              {d.procedureName ?? d.procedureCode}
            </Link>
            <span className="procedure-meta">
              {t('offline.pendingSaved', { time: formatDateTime(d.savedAt, lang) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
};
