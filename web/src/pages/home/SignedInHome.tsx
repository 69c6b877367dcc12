import type { ComponentType } from 'react';
import { Page } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { formatDate } from '../../lib/format.ts';
import { useSession } from '../../lib/session.tsx';
import { FeedbackModeratorSection, FeedbackOfficerSection } from '../feedback/home/FeedbackSections.tsx';
import { PrivacyOfficerSection } from '../privacy/PrivacySections.tsx';
import { AdminSection } from './AdminSection.tsx';
import { CitizenSection } from './CitizenSection.tsx';
import { LeaderSection, OfficerSection, PartySection } from './StaffSections.tsx';

/**
 * The home after sign-in: one section per kind of work the user's roles allow, most demanding
 * first (a user with several roles, e.g. an officer who is also a Party member, sees each).
 */
const SECTIONS: { roles: readonly string[]; section: ComponentType }[] = [
  { roles: ['admin'], section: AdminSection },
  { roles: ['province_leader', 'agency_leader'], section: LeaderSection },
  { roles: ['officer', 'agency_leader'], section: OfficerSection },
  { roles: ['officer', 'agency_leader'], section: FeedbackOfficerSection },
  { roles: ['feedback_moderator'], section: FeedbackModeratorSection },
  { roles: ['privacy_officer'], section: PrivacyOfficerSection },
  { roles: ['party_member', 'party_officer'], section: PartySection },
  { roles: ['citizen'], section: CitizenSection },
];

export const SignedInHome = () => {
  const { t, lang } = useI18n();
  const { user } = useSession();
  if (!user) return null;
  const sections = SECTIONS.filter((s) => s.roles.some((r) => user.roles.includes(r)));
  return (
    <Page title={t('home.greeting', { name: user.fullName })} lead={t('home.today', { date: formatDate(new Date(), lang) })}>
      {(sections.length > 0 ? sections : SECTIONS.slice(-1)).map(({ section: Section }, i) => (
        <Section key={i} />
      ))}
    </Page>
  );
};
