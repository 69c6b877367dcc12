import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { useT } from '../../i18n/index.tsx';
import { Link, navigate } from '../../router.tsx';
import { SelectField } from '../services/FormControls.tsx';
import type { Agencies } from './use-agencies.ts';
import { ROLE_CHOICES, usersPageHref, type ListQuery } from './user-admin.ts';
import { useRoleLabel } from '../../i18n/role-label.ts';

type Props = { query: ListQuery; agencies: Agencies; byAgency: boolean };

/** Search by name or username, filter by role (and agency, for administrators who see them all). Kept in the address. */
export const UserFilters = ({ query, agencies, byAgency }: Props) => {
  const t = useT();
  const roleLabel = useRoleLabel();
  const [q, setQ] = useState(query.q);
  const [role, setRole] = useState(query.role);
  const [agencyId, setAgencyId] = useState(query.agencyId);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(usersPageHref({ q: q.trim(), role, agencyId: byAgency ? agencyId : '', page: 1 }));
  };
  const isFiltered = Boolean(query.q || query.role || query.agencyId);
  return (
    <form className="panel" role="search" aria-labelledby="users-search-title" onSubmit={apply}>
      <h2 id="users-search-title">{t('users.search')}</h2>
      <Field id="users-q" name="q" type="search" label={t('users.q')} maxLength={100} value={q} onChange={(e) => setQ(e.target.value)} />
      <SelectField
        id="users-role"
        label={t('users.role')}
        options={ROLE_CHOICES.map((r) => ({ value: r, label: roleLabel(r) }))}
        placeholder={t('users.allRoles')}
        value={role}
        onChange={(e) => setRole(e.target.value)}
      />
      {byAgency ? (
        <SelectField
          id="users-agency"
          label={t('users.agency')}
          options={agencies.options}
          placeholder={agencies.isLoading ? t('common.loading') : t('users.allAgencies')}
          value={agencyId}
          onChange={(e) => setAgencyId(e.target.value)}
        />
      ) : null}
      <p className="actions">
        <button type="submit" className="button">
          {t('users.apply')}
        </button>
        {isFiltered ? <Link href="/quan-tri/nguoi-dung" className="button button-secondary">{t('users.clear')}</Link> : null}
      </p>
    </form>
  );
};
