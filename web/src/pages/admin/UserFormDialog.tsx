import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useModalDialog } from '../../components/use-modal-dialog.ts';
import { useT } from '../../i18n/index.tsx';
import { api, ApiError, type Problem } from '../../lib/api.ts';
import { ENDPOINTS } from '../../lib/endpoints.ts';
import { CheckboxField, SelectField } from '../services/FormControls.tsx';
import { RoleChoices } from './RoleChoices.tsx';
import type { Agencies } from './use-agencies.ts';
import { usePartyOrgs } from './use-party-orgs.ts';
import {
  checkForm, createBody, emptyForm, fieldOfError, formOf, isCitizenAccount, minPasswordLength, needsAgency, showsAgency, showsPartyOrg, updateBody,
  type FormProblem, type UserFormField, type UserFormValues, type UserView,
} from './user-admin.ts';

type Props = {
  /** The account edited; none to create one. */
  user?: UserView;
  agencies: Agencies;
  onDone: (saved: UserView) => void;
  onClose: () => void;
};

type Errors = Partial<Record<UserFormField, string>>;

/** Fields only creation shows. The contacts show when creating and when editing a staff account. */
const CREATE_ONLY: readonly UserFormField[] = ['username', 'password'];
const CONTACTS: readonly UserFormField[] = ['email', 'phone'];

/**
 * Creating an account (`POST /api/users`) or changing its name, roles, agency, Party organisation and, for a staff
 * account, its e-mail or phone, or removing one (`PATCH /api/users/{id}`), in a modal dialog. Checked before
 * sending; the API's field errors (400/409 problem+json: weak password, username taken, roles that
 * may not go together, a contact another account holds) show next to their fields, the others in
 * the summary at the top.
 */
export const UserFormDialog = ({ user, agencies, onDone, onClose }: Props) => {
  const t = useT();
  const mode = user ? 'edit' : 'create';
  const dialog = useModalDialog();
  const partyOrgs = usePartyOrgs();
  const [values, setValues] = useState<UserFormValues>(() => (user ? formOf(user) : emptyForm()));
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [isBusy, setBusy] = useState(false);
  const canChangeContacts = mode === 'create' || !isCitizenAccount(user?.roles ?? []);
  const isShown = (field: UserFormField) => mode === 'create' || (!CREATE_ONLY.includes(field) && (canChangeContacts || !CONTACTS.includes(field)));
  const set = <K extends UserFormField>(key: K, value: UserFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const messageOf = (field: UserFormField, kind: FormProblem): string => {
    if (kind === 'username') return t('users.error.username');
    if (kind === 'tooShort') return t('users.error.tooShort', { min: minPasswordLength(values.roles) });
    if (kind === 'noRole') return t('users.error.noRole');
    if (kind === 'agency') return t('users.error.agency');
    return field === 'fullName' ? t('users.error.fullName') : t('users.error.required');
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isBusy) return;
    const found = checkForm(values, mode);
    const messages: Errors = {};
    for (const [field, kind] of Object.entries(found) as [UserFormField, FormProblem][]) messages[field] = messageOf(field, kind);
    setErrors(messages);
    setProblem(null);
    if (Object.keys(messages).length > 0) {
      window.setTimeout(() => dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const saved = user
        ? await api<UserView>(`${ENDPOINTS.users}/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: updateBody(values) })
        : await api<UserView>(ENDPOINTS.users, { method: 'POST', body: createBody(values) });
      onDone(saved);
      dialog.current?.close();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const fromServer: Errors = {};
      for (const e of error.problem.errors ?? []) {
        const field = fieldOfError(e.field);
        if (field && isShown(field)) fromServer[field] ??= e.message;
      }
      setErrors(fromServer);
      setProblem(error.problem);
      setBusy(false);
    }
  };

  const title = user ? t('users.editTitle', { username: user.username }) : t('users.createTitle');
  // Editing: the contact as the list shows it (masked), or that there is none.
  const contactHint = (current: string | null | undefined) => (!user ? undefined : current ? t('users.contactNow', { current }) : t('users.contactNone'));
  const required = (label: string) => t('form.requiredLabel', { label });
  const isAgencyRequired = needsAgency(values.roles);
  const shownServerFields = (problem?.errors ?? []).map((e) => e.field).filter((f) => {
    const field = fieldOfError(f);
    return field !== undefined && isShown(field);
  });
  return (
    <dialog ref={dialog} className="action-dialog" aria-labelledby="user-form-title" onClose={onClose}>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="user-form-title">{title}</h2>
        <ProblemAlert problem={problem} shownFields={shownServerFields} />
        {mode === 'create' ? (
          <Field id="user-username" name="username" label={required(t('users.username'))} hint={t('users.usernameHint')} error={errors.username} autoComplete="off" autoCapitalize="none" spellCheck={false} aria-required value={values.username} onChange={(e) => set('username', e.target.value)} />
        ) : null}
        <Field id="user-fullName" name="fullName" label={required(t('users.fullName'))} error={errors.fullName} autoComplete="off" aria-required value={values.fullName} onChange={(e) => set('fullName', e.target.value)} />
        {mode === 'create' ? (
          <Field id="user-password" name="password" type="password" label={required(t('users.password'))} hint={t('users.passwordHint')} error={errors.password} autoComplete="new-password" aria-required value={values.password} onChange={(e) => set('password', e.target.value)} />
        ) : null}
        <RoleChoices roles={values.roles} error={errors.roles} onChange={(roles) => set('roles', roles)} />
        {showsAgency(values.roles) ? (
          <SelectField
            id="user-agencyId"
            label={isAgencyRequired ? required(t('users.agency')) : t('users.agency')}
            hint={t('users.agencyHint')}
            error={errors.agencyId}
            aria-required={isAgencyRequired || undefined}
            options={agencies.options}
            placeholder={agencies.isLoading ? t('common.loading') : isAgencyRequired ? t('form.choose') : t('users.noAgency')}
            value={values.agencyId}
            onChange={(e) => set('agencyId', e.target.value)}
          />
        ) : null}
        {showsPartyOrg(values.roles) ? (
          <SelectField
            id="user-partyOrgId"
            label={t('users.partyOrg')}
            hint={t('users.partyOrgHint')}
            error={errors.partyOrgId}
            options={partyOrgs.options}
            placeholder={partyOrgs.isLoading ? t('common.loading') : t('users.noPartyOrg')}
            value={values.partyOrgId}
            onChange={(e) => set('partyOrgId', e.target.value)}
          />
        ) : null}
        {canChangeContacts ? (
          <>
            <Field id="user-email" name="email" type="email" label={user ? t('users.newEmail') : t('users.email')} hint={contactHint(user?.email)} error={errors.email} autoComplete="off" disabled={values.clearEmail} value={values.email} onChange={(e) => set('email', e.target.value)} />
            {user?.email ? <CheckboxField id="user-clearEmail" label={t('users.clearEmail')} checked={values.clearEmail} onChange={(on) => setValues((v) => ({ ...v, clearEmail: on, email: on ? '' : v.email }))} /> : null}
            <Field id="user-phone" name="phone" type="tel" label={user ? t('users.newPhone') : t('users.phone')} hint={contactHint(user?.phone)} error={errors.phone} autoComplete="off" disabled={values.clearPhone} value={values.phone} onChange={(e) => set('phone', e.target.value)} />
            {user?.phone ? <CheckboxField id="user-clearPhone" label={t('users.clearPhone')} checked={values.clearPhone} onChange={(on) => setValues((v) => ({ ...v, clearPhone: on, phone: on ? '' : v.phone }))} /> : null}
          </>
        ) : null}
        <p className="actions">
          <button type="submit" className="button" aria-disabled={isBusy}>
            {isBusy ? t('users.saving') : user ? t('users.save') : t('users.create')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialog.current?.close()}>
            {t('users.cancel')}
          </button>
        </p>
      </form>
    </dialog>
  );
};
