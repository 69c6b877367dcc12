import { describe, expect, it } from 'vitest';
import { profileOf } from './oidc-client.ts';
import { identityOfClaims } from './vneid-level.ts';

describe('VNeID identification level from the claims', () => {
  it('reads acr vneid:level1 / vneid:level2, with a 12-digit id_number', () => {
    expect(identityOfClaims({ acr: 'vneid:level2', id_number: '079200000002' })).toEqual({ level: 2, acr: 'vneid:level2', idNumber: '079200000002' });
    expect(identityOfClaims({ acr: 'vneid:level1' })).toEqual({ level: 1, acr: 'vneid:level1', idNumber: undefined });
  });

  it('reads a custom identity_level claim of 1 or 2', () => {
    expect(identityOfClaims({ identity_level: 2 })).toMatchObject({ level: 2, acr: 'identity_level:2' });
    expect(identityOfClaims({ identity_level: '1' })).toMatchObject({ level: 1 });
  });

  it('gives no level for anything else, and drops a malformed ID number', () => {
    for (const claims of [{}, { acr: 'urn:mace:incommon:iap:silver' }, { acr: 'vneid:level3' }, { identity_level: 3 }, { identity_level: true }]) {
      expect(identityOfClaims(claims), JSON.stringify(claims)).toBeUndefined();
    }
    expect(identityOfClaims({ acr: 'vneid:level2', id_number: '0792-0000' })?.idNumber).toBeUndefined();
  });

  it('rides along in the profile of a sign-on', () => {
    expect(profileOf({ sub: 's', name: 'An', acr: 'vneid:level2' }).identity).toMatchObject({ level: 2 });
    expect(profileOf({ sub: 's', name: 'An' }).identity).toBeUndefined();
  });
});
