import { useT } from '../../i18n/index.tsx';
import { ROLE_CHOICES, toggleRole } from './user-admin.ts';
import { useRoleLabel } from '../../i18n/role-label.ts';

type Props = { roles: string[]; error?: string; onChange: (roles: string[]) => void };

/** The roles of an account, as a group of checkboxes with one hint and one error for the group. */
export const RoleChoices = ({ roles, error, onChange }: Props) => {
  const t = useT();
  const roleLabel = useRoleLabel();
  const describedBy = ['user-roles-hint', error ? 'user-roles-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset className={error ? 'role-choices field-invalid' : 'role-choices'}>
      <legend>{t('form.requiredLabel', { label: t('users.roles') })}</legend>
      <p id="user-roles-hint" className="hint">
        {t('users.rolesHint')}
      </p>
      {error ? (
        <p id="user-roles-error" className="field-error">
          {error}
        </p>
      ) : null}
      {ROLE_CHOICES.map((role) => (
        <div key={role} className="checkbox">
          <input
            id={`user-role-${role}`}
            type="checkbox"
            checked={roles.includes(role)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(toggleRole(roles, role, e.target.checked))}
          />
          <label htmlFor={`user-role-${role}`}>{roleLabel(role)}</label>
        </div>
      ))}
    </fieldset>
  );
};
