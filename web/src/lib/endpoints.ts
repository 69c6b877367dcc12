/**
 * API paths the web app calls. The auth paths are the agreed contract; the others are the paths
 * the app expects of modules still being built (it degrades gracefully while they answer 404).
 */
export const ENDPOINTS = {
  me: '/api/auth/me',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  logoutAll: '/api/auth/logout-all',
  sso: '/api/auth/sso',
  ssoLogin: '/api/auth/oidc/login',
  signupStart: '/api/auth/signup/start',
  signupVerify: '/api/auth/signup/verify',
  users: '/api/users',
  agencies: '/api/agencies',
  /** Expected of the public-services module. */
  procedureSearch: (q: string) => `/api/procedures?q=${encodeURIComponent(q)}`,
  /** Expected of the public-services module: public tracking by receipt code (no personal data). */
  trackDossier: (code: string) => `/api/dossiers/track/${encodeURIComponent(code)}`,
} as const;
