/** `/path?a=1&b=x` from the non-empty values of `query`. */
const withQuery = (path: string, query: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/**
 * API paths the web app calls, as agreed in each module's contract. Pages degrade gracefully (a
 * plain message) where a module is not deployed and its paths answer 404.
 */
export const ENDPOINTS = {
  me: '/api/auth/me',
  notifications: '/api/notifications?limit=50',
  notificationsReadAll: '/api/notifications/read-all',
  login: '/api/auth/login',
  loginTotp: '/api/auth/totp',
  passwordChange: '/api/auth/password',
  logout: '/api/auth/logout',
  logoutAll: '/api/auth/logout-all',
  sso: '/api/auth/sso',
  ssoLogin: '/api/auth/oidc/login',
  signupStart: '/api/auth/signup/start',
  signupVerify: '/api/auth/signup/verify',
  users: '/api/users',
  userPartyOrgs: '/api/users/party-orgs',
  agencies: '/api/agencies',
  files: '/api/files',
  fileDownload: (id: string) => `/api/files/${encodeURIComponent(id)}`,
  communeCommittees: '/api/agencies?kind=commune_committee',
  /** Public services: the procedure catalogue (search is diacritic-insensitive). */
  procedures: (query: { q?: string; field?: string; agency?: string; level?: string } = {}) => withQuery('/api/procedures', query),
  procedureSearch: (q: string) => withQuery('/api/procedures', { q }),
  procedure: (code: string) => `/api/procedures/${encodeURIComponent(code)}`,
  /** Public services: dossiers (hồ sơ) of the citizen and of the officer's agency. */
  dossiers: '/api/dossiers',
  myDossiers: '/api/dossiers?mine=true&pageSize=100',
  dossier: (id: string) => `/api/dossiers/${encodeURIComponent(id)}`,
  dossierSubmit: (id: string) => `/api/dossiers/${encodeURIComponent(id)}/submit`,
  dossierAssignees: (id: string) => `/api/dossiers/${encodeURIComponent(id)}/assignees`,
  dossierReceipt: (id: string) => `/api/dossiers/${encodeURIComponent(id)}/receipt`,
  dossierAction: (id: string, action: string) => `/api/dossiers/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`,
  dossierQueue: (query: { status?: string; overdue?: string; dueBefore?: string; page?: string; pageSize?: string } = {}) => withQuery('/api/dossiers/queue', query),
  dossierRating: (id: string) => `/api/dossiers/${encodeURIComponent(id)}/rating`,
  /** Counter filing by one-stop officers: find or register the walk-in citizen, file and receive. */
  /** POST with { phone | idNumber | email } in the body: identifiers never go in a URL. */
  counterCitizenSearch: '/api/intake/counter/citizens/search',
  counterCitizen: '/api/intake/counter/citizens',
  counterDossiers: '/api/intake/counter/dossiers',
  /** Public tracking by receipt code (no login, no personal data). */
  trackDossier: (code: string) => `/api/public/dossiers/${encodeURIComponent(code)}`,
} as const;
