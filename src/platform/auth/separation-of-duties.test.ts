import { describe, expect, it } from 'vitest';
import { DEMO_USERS, EXTRA_STAFF, PARTY_STAFF } from '../../seed/demo-data.ts';
import { FEEDBACK_STAFF } from '../../seed/demo-feedback.ts';
import { checkSeparationOfDuties, conflictingRoles } from './separation-of-duties.ts';
import { isRole, scopesOf } from './scopes.ts';

describe('separation of duties', () => {
  it('refuses user administration together with any role acting on dossiers or reports, both ways round', () => {
    expect(conflictingRoles(['admin', 'officer'])).toEqual(['admin', 'officer']);
    expect(conflictingRoles(['agency_leader', 'admin'])).toEqual(['admin', 'agency_leader']);
    expect(conflictingRoles(['feedback_moderator', 'admin'])).toEqual(['admin', 'feedback_moderator']);
    expect(conflictingRoles(['admin', 'party_member'])).toBeUndefined();
    expect(conflictingRoles(['officer', 'party_member'])).toBeUndefined();
    expect(() => checkSeparationOfDuties(['officer', 'admin'])).toThrow(/không được kiêm/);
  });

  it('drops the acting scopes at request time from anyone holding user administration', () => {
    const both = scopesOf(['admin', 'agency_leader']);
    expect(both.has('users.write')).toBe(true);
    for (const s of ['dossier.process', 'dossier.approve', 'feedback.handle', 'feedback.moderate'] as const) expect(both.has(s)).toBe(false);
    expect(scopesOf(['agency_leader']).has('dossier.approve')).toBe(true);
  });

  it('holds for every demo account', () => {
    for (const u of [...DEMO_USERS, ...PARTY_STAFF, ...EXTRA_STAFF, ...FEEDBACK_STAFF]) {
      expect(conflictingRoles(u.roles.filter(isRole)), u.username).toBeUndefined();
    }
  });
});
