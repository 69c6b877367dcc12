/**
 * Pure rules of the user-administration screen (`/quan-tri/nguoi-dung`): the roles offered, when an
 * agency is asked for, the checks made before sending, the request bodies, and where a server
 * field error belongs. The API (src/platform/auth/users-*.ts) stays the authority on every rule.
 */

/** A user as `GET /api/users` shows it (contacts masked in the list). */
export type UserView = {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  agencyId: string | null;
  /** The Party organisation the account belongs to (Party members and officers). */
  partyOrgId: string | null;
  disabled: boolean;
  createdAt: string;
  /** An authenticator app is enrolled (two-factor sign-in). */
  totpEnrolled: boolean;
};

export type UserPage = { items: UserView[]; total: number; page: number; pageSize: number };

/** The roles an administrator may give, the usual ones for a new officer first. */
export const ROLE_CHOICES = [
  'officer',
  'agency_leader',
  'province_leader',
  'admin',
  'feedback_moderator',
  'privacy_officer',
  'party_member',
  'party_officer',
  'citizen',
] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];

/** Roles whose work belongs to an agency: the account must be attached to one. */
export const AGENCY_ROLES: readonly string[] = ['officer', 'agency_leader', 'province_leader'];

/** Roles whose data is their Party organisation's: the organisation is asked for with them. */
export const PARTY_ROLES: readonly string[] = ['party_member', 'party_officer'];

export const PAGE_SIZE = 20;

/** The agency is asked for as soon as a role other than citizen is ticked. */
export const showsAgency = (roles: readonly string[]) => roles.some((r) => r !== 'citizen');

/** …and is required when one of the roles works for an agency. */
export const needsAgency = (roles: readonly string[]) => roles.some((r) => AGENCY_ROLES.includes(r));

/** The Party organisation is asked for when a Party role is ticked (optional: without one the account sees no Party data). */
export const showsPartyOrg = (roles: readonly string[]) => roles.some((r) => PARTY_ROLES.includes(r));

/** Staff passwords are at least 12 characters, citizens' 8 (the server's password policy). */
export const minPasswordLength = (roles: readonly string[]) => (showsAgency(roles) ? 12 : 8);

/** Same rule as the API: 3–50 characters, unaccented letters, digits, `.`, `_`, `-`, starting with a letter. */
const USERNAME_SHAPE = /^[a-zA-Z][a-zA-Z0-9._-]{2,49}$/;

export type UserFormValues = {
  username: string;
  fullName: string;
  password: string;
  email: string;
  phone: string;
  roles: string[];
  agencyId: string;
  partyOrgId: string;
  /** Editing: remove the account's e-mail or phone (the field is then not used). */
  clearEmail: boolean;
  clearPhone: boolean;
};

export type UserFormField = Exclude<keyof UserFormValues, 'clearEmail' | 'clearPhone'>;
export const USER_FORM_FIELDS: readonly UserFormField[] = ['username', 'fullName', 'password', 'email', 'phone', 'roles', 'agencyId', 'partyOrgId'];

export type FormMode = 'create' | 'edit';

/** Why a field cannot be sent yet, as a kind the page turns into words. */
export type FormProblem = 'required' | 'username' | 'tooShort' | 'noRole' | 'agency';
export type FormProblems = Partial<Record<UserFormField, FormProblem>>;

export const emptyForm = (): UserFormValues => ({ username: '', fullName: '', password: '', email: '', phone: '', roles: [], agencyId: '', partyOrgId: '', clearEmail: false, clearPhone: false });

export const formOf = (user: UserView): UserFormValues => ({
  ...emptyForm(),
  username: user.username,
  fullName: user.fullName,
  roles: [...user.roles],
  agencyId: user.agencyId ?? '',
  partyOrgId: user.partyOrgId ?? '',
});

/** The checks made before sending; the username and password are only set when creating. */
export const checkForm = (values: UserFormValues, mode: FormMode): FormProblems => {
  const found: FormProblems = {};
  if (mode === 'create') {
    if (!values.username.trim()) found.username = 'required';
    else if (!USERNAME_SHAPE.test(values.username.trim())) found.username = 'username';
    if (!values.password) found.password = 'required';
    else if ([...values.password].length < minPasswordLength(values.roles)) found.password = 'tooShort';
  }
  if (values.fullName.trim().length < 2) found.fullName = 'required';
  if (values.roles.length === 0) found.roles = 'noRole';
  if (needsAgency(values.roles) && !values.agencyId) found.agencyId = 'agency';
  return found;
};

/** The agency sent: none for an account that holds only the citizen role. */
const agencyOf = (values: UserFormValues) => (showsAgency(values.roles) && values.agencyId ? values.agencyId : null);

/** The Party organisation sent: none unless a Party role is ticked (dropping the roles drops it). */
const partyOrgOf = (values: UserFormValues) => (showsPartyOrg(values.roles) && values.partyOrgId ? values.partyOrgId : null);

/** `POST /api/users`: empty optional contacts are left out. */
export const createBody = (values: UserFormValues) => ({
  username: values.username.trim(),
  fullName: values.fullName.trim(),
  password: values.password,
  roles: values.roles,
  agencyId: agencyOf(values),
  partyOrgId: partyOrgOf(values),
  ...(values.email.trim() ? { email: values.email.trim() } : {}),
  ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
});

/**
 * Only the citizen role: the person's own account. Its e-mail and phone are how they sign in, so
 * only they change them (the API refuses an administrator, 409); the form does not offer it.
 */
export const isCitizenAccount = (roles: readonly string[]) => roles.every((r) => r === 'citizen');

/** A contact's change: `null` removes it, a typed value replaces it, nothing typed keeps it. */
const contactChange = (key: 'email' | 'phone', typed: string, clear: boolean) => (clear ? { [key]: null } : typed.trim() ? { [key]: typed.trim() } : {});

/**
 * `PATCH /api/users/{id}`: name, roles, agency and Party organisation (locking has its own confirmation), and a new
 * e-mail or phone when one is typed (the list shows contacts masked, so the fields start empty and
 * an empty one keeps the contact), or `null` when the box to remove it is ticked.
 */
export const updateBody = (values: UserFormValues) => ({
  fullName: values.fullName.trim(),
  roles: values.roles,
  agencyId: agencyOf(values),
  partyOrgId: partyOrgOf(values),
  ...contactChange('email', values.email, values.clearEmail),
  ...contactChange('phone', values.phone, values.clearPhone),
});

/** The form field a server error names (`roles.0` → roles, `body.agencyId` → agencyId), if any. */
export const fieldOfError = (field: string): UserFormField | undefined => {
  const parts = field.replace(/^\/+/, '').split(/[./]/).filter((p) => p && p !== 'body');
  const first = parts[0] as UserFormField | undefined;
  return first && USER_FORM_FIELDS.includes(first) ? first : undefined;
};

/** Ticks or unticks one role, keeping the order of ROLE_CHOICES. */
export const toggleRole = (roles: readonly string[], role: string, isOn: boolean): string[] => {
  const next = new Set(roles);
  if (isOn) next.add(role);
  else next.delete(role);
  return [...ROLE_CHOICES.filter((r) => next.has(r)), ...[...next].filter((r) => !(ROLE_CHOICES as readonly string[]).includes(r))];
};

export type ListQuery = { q: string; role: string; agencyId: string; page: number };

/** The list's query from the page address (`?q=&role=&agencyId=&page=`). */
export const listQueryOf = (query: URLSearchParams): ListQuery => ({
  q: (query.get('q') ?? '').trim(),
  role: (ROLE_CHOICES as readonly string[]).includes(query.get('role') ?? '') ? query.get('role')! : '',
  agencyId: query.get('agencyId') ?? '',
  page: Math.max(1, Math.floor(Number(query.get('page'))) || 1),
});

const withQuery = (base: string, entries: [string, string][]) => {
  const params = new URLSearchParams(entries.filter(([, v]) => v));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
};

/** The API path of one page of the list. */
export const usersApiPath = (base: string, q: ListQuery) =>
  withQuery(base, [['q', q.q], ['role', q.role], ['agencyId', q.agencyId], ['page', q.page > 1 ? String(q.page) : ''], ['pageSize', String(PAGE_SIZE)]]);

/** The page address of a list query (what the search form and the pager link to). */
export const usersPageHref = (q: ListQuery) =>
  withQuery('/quan-tri/nguoi-dung', [['q', q.q], ['role', q.role], ['agencyId', q.agencyId], ['page', q.page > 1 ? String(q.page) : '']]);

export const pageCount = (total: number, pageSize: number) => Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
