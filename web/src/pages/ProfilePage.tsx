import { useEffect, useState } from 'react';
import { Loading, Page } from '../components/Page.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useT } from '../i18n/index.tsx';
import { useRoleLabel } from '../i18n/role-label.ts';
import { ApiError, type Problem } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { navigate } from '../router.tsx';
import { PasswordChangeForm } from './PasswordChangeForm.tsx';

/** The signed-in user's account: who they are, changing the password, and signing out here or everywhere. */
export const ProfilePage = () => {
  const t = useT();
  const roleLabel = useRoleLabel();
  const session = useSession();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    if (session.status === 'guest') navigate(`/login?next=${encodeURIComponent('/profile')}`, { replace: true });
  }, [session.status]);

  if (!session.user) return <Loading />;
  const { user } = session;

  const signOut = async (everywhere: boolean) => {
    if (isBusy) return;
    setBusy(true);
    setProblem(null);
    try {
      await session.signOut(everywhere);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setProblem(error.problem);
      setBusy(false);
    }
  };

  return (
    <Page title={t('profile.title')}>
      <ProblemAlert problem={problem} />
      <dl className="facts panel">
        <dt>{t('profile.fullName')}</dt>
        <dd>{user.fullName}</dd>
        <dt>{t('profile.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{user.roles.map(roleLabel).join(', ')}</dd>
      </dl>
      <PasswordChangeForm />
      <div className="panel">
        <p className="actions">
          <button type="button" className="button" onClick={() => void signOut(false)} aria-disabled={isBusy}>
            {t('profile.logout')}
          </button>
        </p>
        <p className="hint" id="logout-all-hint">
          {t('profile.logoutAllHint')}
        </p>
        <p className="actions">
          <button type="button" className="button button-secondary" onClick={() => void signOut(true)} aria-disabled={isBusy} aria-describedby="logout-all-hint">
            {t('profile.logoutAll')}
          </button>
        </p>
      </div>
    </Page>
  );
};
