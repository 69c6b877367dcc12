import { LinkCard } from '../../components/LinkCard.tsx';
import { useT } from '../../i18n/index.tsx';
import { CitizenFeedbackCards } from '../feedback/home/FeedbackSections.tsx';

/** The citizen's work: public services, their dossiers, feedback and notifications. */
export const CitizenSection = () => {
  const t = useT();
  return (
    <section aria-labelledby="citizen-title">
      <h2 id="citizen-title">{t('citizen.heading')}</h2>
      <ul className="cards">
        <LinkCard href="/search" title={t('citizen.services')} text={t('citizen.services.text')} />
        <LinkCard href="/dossiers" title={t('citizen.dossiers')} text={t('citizen.dossiers.text')} />
        <CitizenFeedbackCards />
        <LinkCard href="/notifications" title={t('citizen.notifications')} text={t('citizen.notifications.text')} />
        <LinkCard href="/du-lieu-cua-toi" title={t('privacy.mine.title')} text={t('privacy.mine.card')} />
      </ul>
    </section>
  );
};
