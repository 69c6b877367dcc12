import { useI18n } from '../../i18n/index.tsx';
import { problemCode, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';

/** The identity level a procedure asks, in words (0 any account, 1 or 2 the VNeID level). */
export const useIdentityLevelLabel = () => {
  const { t } = useI18n();
  return (level: number | undefined) => (level === 2 ? t('identity.level2') : level === 1 ? t('identity.level1') : t('identity.level0'));
};

/**
 * Shown under the error when filing was refused for the identity level (403
 * `identity-level-required`): how to raise it — sign in again with VNeID at the level asked,
 * raise a level-1 VNeID account at the police, or file at the counter; the draft is kept.
 */
export const IdentityLevelHelp = ({ problem, requiredLevel }: { problem: Problem | null; requiredLevel: number | undefined }) => {
  const { t } = useI18n();
  if (!problem || problemCode(problem) !== 'identity-level-required') return null;
  const level = requiredLevel === 1 ? 1 : 2;
  return (
    <section className="alert alert-info" aria-labelledby="identity-help-title">
      <h2 id="identity-help-title" className="alert-title">
        {t('identity.raiseTitle')}
      </h2>
      <ol>
        <li>{t('identity.raiseStep1')}</li>
        <li>{t('identity.raiseStep2', { level })}</li>
        <li>{t('identity.raiseStep3')}</li>
        <li>{t('identity.raiseStep4')}</li>
      </ol>
      <p>
        <a className="button button-secondary" href={ENDPOINTS.ssoLogin}>
          {t('identity.signInVneid')}
        </a>
      </p>
    </section>
  );
};
