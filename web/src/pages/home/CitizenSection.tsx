import { LinkCard } from '../../components/LinkCard.tsx';
import { useT } from '../../i18n/index.tsx';

/** Placeholders until the services, feedback and notification modules exist (marked as such). */
export const CitizenSection = () => {
  const t = useT();
  return (
    <section aria-labelledby="citizen-title">
      <h2 id="citizen-title">{t('citizen.heading')}</h2>
      <ul className="cards">
        <LinkCard href="/soon/services" title={t('citizen.services')} text={t('citizen.services.text')} isSoon />
        <LinkCard href="/soon/dossiers" title={t('citizen.dossiers')} text={t('citizen.dossiers.text')} isSoon />
        <LinkCard href="/soon/feedback" title={t('citizen.feedback')} text={t('citizen.feedback.text')} isSoon />
        <LinkCard href="/soon/notifications" title={t('citizen.notifications')} text={t('citizen.notifications.text')} isSoon />
      </ul>
    </section>
  );
};
