import { LinkCard } from '../../components/LinkCard.tsx';
import { useT } from '../../i18n/index.tsx';

/** The cards leading to the privacy officer's screens (also on the administrator's home). */
export const PrivacyStaffCards = () => {
  const t = useT();
  return (
    <>
      <LinkCard href="/quan-tri/yeu-cau-du-lieu" title={t('privacy.queue.title')} text={t('privacy.queue.card')} />
      <LinkCard href="/quan-tri/su-co-du-lieu" title={t('privacy.breaches.title')} text={t('privacy.breaches.card')} />
    </>
  );
};

/** The privacy officer's home: data subjects' requests and breaches. */
export const PrivacyOfficerSection = () => {
  const t = useT();
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('role.privacy_officer')}</h2>
      <ul className="cards">
        <PrivacyStaffCards />
      </ul>
    </section>
  );
};
