import { LinkCard } from '../../components/LinkCard.tsx';
import { PrivacyStaffCards } from '../privacy/PrivacySections.tsx';
import { Loading } from '../../components/Page.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRoleLabel } from '../../i18n/role-label.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { formatNumber, sortByText } from '../../lib/format.ts';
import { useList, type ListState } from '../../lib/use-list.ts';

type ApiUser = { id: string; username: string; fullName?: string; roles?: string[] };
type Agency = { id: string; code: string; name: string; children?: Agency[] };

const flatten = (agencies: Agency[]): Agency[] => agencies.flatMap((a) => [a, ...flatten(a.children ?? [])]);

const Unavailable = ({ state, message }: { state: ListState<unknown>; message: string }) =>
  state.kind === 'loading' ? (
    <Loading />
  ) : state.kind === 'unavailable' ? (
    <p className="alert alert-info">{message}</p>
  ) : state.kind === 'error' ? (
    <ProblemAlert problem={state.problem} />
  ) : null;

const UsersPanel = () => {
  const { t, lang } = useI18n();
  const users = useList<ApiUser>(ENDPOINTS.users, 'users');
  const roleLabel = useRoleLabel();
  return (
    <section aria-labelledby="users-title" className="panel">
      <h3 id="users-title">{t('admin.users')}</h3>
      <Unavailable state={users} message={t('admin.users.unavailable')} />
      {users.kind === 'ok' ? (
        <>
          <p>{t('admin.users.count', { count: formatNumber(users.total, lang) })}</p>
          <div className="table-wrap" role="region" aria-labelledby="users-title" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('table.fullName')}</th>
                  <th scope="col">{t('table.username')}</th>
                  <th scope="col">{t('table.roles')}</th>
                </tr>
              </thead>
              <tbody>
                {users.items.slice(0, 10).map((u) => (
                  <tr key={u.id}>
                    <td>{u.fullName ?? '—'}</td>
                    <td>{u.username}</td>
                    <td>{(u.roles ?? []).map(roleLabel).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
};

const AgenciesPanel = () => {
  const { t, lang } = useI18n();
  const agencies = useList<Agency>(ENDPOINTS.agencies, 'agencies');
  const all = agencies.kind === 'ok' ? sortByText(flatten(agencies.items), (a) => a.name, lang) : [];
  return (
    <section aria-labelledby="agencies-title" className="panel">
      <h3 id="agencies-title">{t('admin.agencies')}</h3>
      <Unavailable state={agencies} message={t('admin.agencies.unavailable')} />
      {agencies.kind === 'ok' ? (
        <>
          <p>{t('admin.agencies.count', { count: formatNumber(all.length, lang) })}</p>
          <details>
            <summary>{t('admin.agencies.show')}</summary>
            <ul className="plain-list">
              {all.map((a) => (
                <li key={a.id}>
                  <span className="code">{a.code}</span> {a.name}
                </li>
              ))}
            </ul>
          </details>
        </>
      ) : null}
    </section>
  );
};

/** The administrator's home: users, agencies, and links to the settings still being built. */
export const AdminSection = () => {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-title">
      <h2 id="admin-title">{t('admin.heading')}</h2>
      <UsersPanel />
      <AgenciesPanel />
      <h3>{t('admin.more')}</h3>
      <ul className="cards">
        <LinkCard href="/quan-tri/nguoi-dung" title={t('users.title')} text={t('users.card')} />
        <LinkCard href="/quan-tri/cau-hinh-an-toan" title={t('security.title')} text={t('security.card')} />
        <LinkCard href="/soon/calendar" title={t('admin.calendar')} isSoon />
        <LinkCard href="/soon/procedures" title={t('admin.procedures')} isSoon />
        <PrivacyStaffCards />
      </ul>
    </section>
  );
};
