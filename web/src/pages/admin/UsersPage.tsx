import { useState } from 'react';
import { Loading, Page } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { api } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import type { User } from '../../lib/session.tsx';
import type { Location } from '../../router.tsx';
import { useResource } from '../services/use-resource.ts';
import { useSignedIn } from '../services/use-signed-in.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { useAgencies } from './use-agencies.ts';
import { listQueryOf, usersApiPath, type UserPage, type UserView } from './user-admin.ts';
import { UserFilters } from './UserFilters.tsx';
import { UserFormDialog } from './UserFormDialog.tsx';
import { UserList, type UserAction } from './UserList.tsx';
import '../services/services.css';
import './users.css';

type Open = { action: 'create' } | { action: UserAction; user: UserView } | null;

const userPath = (id: string) => `${ENDPOINTS.users}/${encodeURIComponent(id)}`;

/** The two confirmations: lock or unlock (`PATCH disabled`), and the two-factor reset (`POST …/totp-reset`, 204). */
const Confirmation = ({ action, user, onDone, onClose }: { action: 'lock' | 'totp'; user: UserView; onDone: (message: string) => void; onClose: () => void }) => {
  const { t } = useI18n();
  const names = { username: user.username, name: user.fullName };
  if (action === 'totp') {
    return (
      <ConfirmDialog
        title={t('users.totpTitle', names)}
        confirmLabel={t('users.totpConfirm')}
        isDanger
        onConfirm={() => api<void>(`${userPath(user.id)}/totp-reset`, { method: 'POST' })}
        onDone={() => onDone(t('users.done.totp', names))}
        onClose={onClose}
      >
        <p>{t('users.totpText', names)}</p>
        <p>
          <strong>{t('users.totpSessions')}</strong>
        </p>
        <p className="hint">{t('users.totpWhen')}</p>
      </ConfirmDialog>
    );
  }
  const isLocking = !user.disabled;
  return (
    <ConfirmDialog
      title={t(isLocking ? 'users.lockTitle' : 'users.unlockTitle', names)}
      confirmLabel={t(isLocking ? 'users.lockConfirm' : 'users.unlockConfirm')}
      isDanger={isLocking}
      onConfirm={() => api<void>(userPath(user.id), { method: 'PATCH', body: { disabled: isLocking } })}
      onDone={() => onDone(t(isLocking ? 'users.done.locked' : 'users.done.unlocked', names))}
      onClose={onClose}
    >
      <p>{t(isLocking ? 'users.lockText' : 'users.unlockText', names)}</p>
    </ConfirmDialog>
  );
};

const UsersAdmin = ({ me, location }: { me: User; location: Location }) => {
  const { t } = useI18n();
  // Administrators (users.write) change accounts; leaders (users.read) only read their agency's.
  const canWrite = me.roles.includes('admin');
  const query = listQueryOf(location.query);
  const agencies = useAgencies();
  const [list, reload] = useResource<UserPage>(usersApiPath(ENDPOINTS.users, query), { keepPrevious: true });
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState('');
  // Accounts saved since the list last answered, shown as saved at once: an edit opened again
  // before the reloaded list arrives starts from what was saved, never from the row before it
  // (whose roles, agency or Party organisation a second save would otherwise put back).
  const [saved, setSaved] = useState<{ answer: UserPage | null; users: Record<string, UserView> }>({ answer: null, users: {} });
  const answer = list.kind === 'ok' ? list.value : null;
  const shown = answer && saved.answer === answer ? { ...answer, items: answer.items.map((u) => saved.users[u.id] ?? u) } : answer;

  const done = (message: string) => {
    setNotice(message);
    reload();
  };
  const edited = (user: UserView) => {
    setSaved((before) => ({ answer, users: { ...(before.answer === answer ? before.users : {}), [user.id]: user } }));
    done(t('users.done.updated', { username: user.username }));
  };
  const close = () => setOpen(null);

  return (
    <>
      <div role="status" aria-live="polite">
        {notice ? (
          <p className="alert alert-success">
            <span aria-hidden="true">✓</span> {notice}
          </p>
        ) : null}
      </div>
      {canWrite ? (
        <p>
          <button type="button" className="button" onClick={() => setOpen({ action: 'create' })}>
            {t('users.create')}
          </button>
        </p>
      ) : null}
      <UserFilters key={location.href} query={query} agencies={agencies} byAgency={canWrite} />
      {list.kind === 'loading' ? (
        <Loading />
      ) : list.kind === 'error' ? (
        <ProblemAlert problem={list.problem} />
      ) : list.kind === 'not-found' ? (
        <p className="alert alert-info">{t('admin.users.unavailable')}</p>
      ) : (
        <UserList
          answer={shown ?? list.value}
          isBusy={list.stale === true}
          query={query}
          agencies={agencies}
          meId={me.id}
          canWrite={canWrite}
          onAction={(action, user) => setOpen({ action, user })}
        />
      )}
      {open?.action === 'create' ? (
        <UserFormDialog agencies={agencies} onDone={(saved) => done(t('users.done.created', { username: saved.username }))} onClose={close} />
      ) : open?.action === 'edit' ? (
        <UserFormDialog user={open.user} agencies={agencies} onDone={edited} onClose={close} />
      ) : open ? (
        <Confirmation action={open.action} user={open.user} onDone={done} onClose={close} />
      ) : null}
    </>
  );
};

/** `/quan-tri/nguoi-dung`: the accounts of the province — administrators manage them, leaders read their agency's. */
export const UsersPage = ({ location }: { location: Location }) => {
  const { t } = useI18n();
  const user = useSignedIn(location);
  const isReadOnly = user !== null && !user.roles.includes('admin');
  return (
    <Page title={t('users.title')} lead={isReadOnly ? t('users.leadReadOnly') : t('users.lead')}>
      {user ? <UsersAdmin me={user} location={location} /> : <Loading />}
    </Page>
  );
};
