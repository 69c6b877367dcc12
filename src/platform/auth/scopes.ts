/**
 * Roles a user holds and the scopes (permissions) each role grants. Routes declare the scopes they
 * need; a user may call a route when one of their roles grants any of them. Organisation limits
 * (which agency's data a user sees) are applied inside each query, not here.
 */
export const ROLES = [
  'citizen',
  'officer',
  'agency_leader',
  'province_leader',
  'admin',
  'party_member',
  'party_officer',
  'feedback_moderator',
  'privacy_officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  citizen: 'Công dân',
  officer: 'Cán bộ, công chức',
  agency_leader: 'Lãnh đạo cơ quan',
  province_leader: 'Lãnh đạo tỉnh',
  admin: 'Quản trị hệ thống',
  party_member: 'Đảng viên',
  party_officer: 'Cán bộ Đảng ủy',
  feedback_moderator: 'Cán bộ kiểm duyệt phản ánh, kiến nghị',
  privacy_officer: 'Cán bộ bảo vệ dữ liệu cá nhân',
};

export const SCOPES = [
  'profile.read',
  'profile.write',
  'files.upload',
  'files.read.any',
  'org.read',
  'org.write',
  'users.read',
  'users.write',
  'audit.read',
  'calendar.write',
  'dossier.file',
  'dossier.process',
  'dossier.approve',
  'dossier.read.agency',
  'dossier.read.province',
  'feedback.submit',
  'feedback.handle',
  'feedback.moderate',
  'ioc.read.agency',
  'ioc.read.province',
  'party.read.own',
  'party.manage',
  'privacy.manage',
] as const;
export type Scope = (typeof SCOPES)[number];

const BASE: Scope[] = ['profile.read', 'profile.write', 'files.upload'];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  citizen: [...BASE, 'dossier.file', 'feedback.submit'],
  officer: [...BASE, 'org.read', 'dossier.process', 'dossier.read.agency', 'feedback.handle', 'files.read.any'],
  agency_leader: [...BASE, 'org.read', 'dossier.process', 'dossier.approve', 'dossier.read.agency', 'feedback.handle', 'files.read.any', 'ioc.read.agency', 'users.read'],
  province_leader: [...BASE, 'org.read', 'dossier.read.province', 'ioc.read.agency', 'ioc.read.province', 'users.read'],
  // Separation of duties: the administrator manages users and configuration, never approves dossiers.
  admin: [...BASE, 'org.read', 'org.write', 'users.read', 'users.write', 'audit.read', 'calendar.write'],
  party_member: [...BASE, 'party.read.own'],
  party_officer: [...BASE, 'party.read.own', 'party.manage', 'org.read'],
  // Moderates, routes, merges and transfers citizen reports (sees no secret reporter, like the public).
  feedback_moderator: [...BASE, 'org.read', 'feedback.moderate'],
  // Handles data subjects' requests and personal-data breaches (modules/privacy); acts on no dossier.
  privacy_officer: [...BASE, 'privacy.manage'],
};

/** Separation of duties (separation-of-duties.ts): user administration and acting on dossiers or reports never go together. */
export const ADMINISTRATION_SCOPES: readonly Scope[] = ['users.write'];
export const ACTING_SCOPES: readonly Scope[] = ['dossier.process', 'dossier.approve', 'feedback.handle', 'feedback.moderate'];

/** The scopes of a set of roles; a holder of user administration never gets the acting scopes, even if a role grants them. */
export const scopesOf = (roles: readonly Role[]): Set<Scope> => {
  const scopes = new Set(roles.flatMap((r) => ROLE_SCOPES[r] ?? []));
  if (ADMINISTRATION_SCOPES.some((s) => scopes.has(s))) for (const s of ACTING_SCOPES) scopes.delete(s);
  return scopes;
};

export const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Staff: any role other than citizen. Staff sign in with a second factor and get shorter sessions with an idle limit. */
export const isStaff = (roles: readonly string[]) => roles.some((r) => r !== 'citizen');
