import { useI18n } from '../../i18n/index.tsx';
import { formatNumber } from '../../lib/format.ts';
import { ListCount } from '../../components/Page.tsx';
import { Pager } from '../../components/Pager.tsx';
import type { Agencies } from './use-agencies.ts';
import { pageCount, usersPageHref, type ListQuery, type UserPage, type UserView } from './user-admin.ts';
import { useRoleLabel } from '../../i18n/role-label.ts';

export type UserAction = 'edit' | 'lock' | 'totp';

type ItemProps = { user: UserView; agencyName?: string; isMe: boolean; canWrite: boolean; onAction: (action: UserAction, user: UserView) => void };

/** The state in a word with its own icon, never by colour alone. */
const LockState = ({ disabled }: { disabled: boolean }) => {
  const { t } = useI18n();
  return disabled ? (
    <strong className="user-locked-text">
      <span aria-hidden="true">✗</span> {t('users.locked')}
    </strong>
  ) : (
    <span>
      <span aria-hidden="true">✓</span> {t('users.active')}
    </span>
  );
};

const UserItem = ({ user, agencyName, isMe, canWrite, onAction }: ItemProps) => {
  const { t } = useI18n();
  const roleLabel = useRoleLabel();
  // The visible word stays first in each button's name ("Khóa (cb.x)"), so voice control still finds it.
  const about = <span className="visually-hidden"> ({user.username})</span>;
  return (
    <li className={user.disabled ? 'user-item user-item-locked' : 'user-item'}>
      <h3>
        {user.fullName} {isMe ? <span className="user-me">{t('users.you')}</span> : null}
      </h3>
      <dl className="facts user-facts">
        <dt>{t('users.username')}</dt>
        <dd className="code">{user.username}</dd>
        <dt>{t('users.roles')}</dt>
        <dd>{user.roles.map(roleLabel).join(', ') || '—'}</dd>
        <dt>{t('users.agency')}</dt>
        <dd>{user.agencyId ? (agencyName ?? '…') : t('users.noAgency')}</dd>
        <dt>{t('users.status')}</dt>
        <dd>
          <LockState disabled={user.disabled} />
        </dd>
        <dt>{t('users.twoFactor')}</dt>
        <dd>{t(user.totpEnrolled ? 'users.totpOn' : 'users.totpOff')}</dd>
      </dl>
      {canWrite ? (
        <div className="actions" role="group" aria-label={t('users.actionsFor', { username: user.username })}>
          <button type="button" className="button button-secondary" onClick={() => onAction('edit', user)}>
            {t('users.edit')}
            {about}
          </button>
          {isMe ? null : (
            <>
              <button type="button" className="button button-secondary" onClick={() => onAction('lock', user)}>
                {t(user.disabled ? 'users.unlock' : 'users.lock')}
                {about}
              </button>
              <button type="button" className="button button-secondary" onClick={() => onAction('totp', user)}>
                {t('users.resetTotp')}
                {about}
              </button>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
};

type ListProps = {
  answer: UserPage;
  /** `answer` is the previous page or filter's, kept on screen while this one loads. */
  isBusy: boolean;
  query: ListQuery;
  agencies: Agencies;
  meId: string;
  canWrite: boolean;
  onAction: ItemProps['onAction'];
};

/** One page of users, with its count and the links to the other pages. */
export const UserList = ({ answer, isBusy, query, agencies, meId, canWrite, onAction }: ListProps) => {
  const { t, lang } = useI18n();
  const pages = pageCount(answer.total, answer.pageSize);
  const page = Math.min(query.page, pages);
  return (
    <section aria-labelledby="users-list-title">
      <h2 id="users-list-title">{t('users.list')}</h2>
      <ListCount busy={isBusy}>{answer.items.length === 0 ? t('users.none') : t('users.count', { count: formatNumber(answer.total, lang) })}</ListCount>
      {answer.items.length > 0 ? (
        <ul className="user-list" aria-labelledby="users-list-title" aria-busy={isBusy}>
          {answer.items.map((u) => (
            <UserItem key={u.id} user={u} agencyName={agencies.nameOf(u.agencyId)} isMe={u.id === meId} canWrite={canWrite} onAction={onAction} />
          ))}
        </ul>
      ) : null}
      <Pager page={page} pages={pages} hrefOf={(n) => usersPageHref({ ...query, page: n })} />
    </section>
  );
};
