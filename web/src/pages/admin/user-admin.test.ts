import { describe, expect, it } from 'vitest';
import {
  checkForm, createBody, emptyForm, fieldOfError, formOf, isCitizenAccount, listQueryOf, needsAgency, pageCount, showsAgency, showsPartyOrg, toggleRole, updateBody, usersApiPath,
  usersPageHref,
  type UserFormValues,
} from './user-admin.ts';

const officer = (change: Partial<UserFormValues> = {}): UserFormValues => ({
  ...emptyForm(),
  username: 'cb.stp.moi',
  fullName: 'Nguyễn Thị Hoa',
  password: 'một câu đủ dài 2026',
  roles: ['officer'],
  agencyId: '0190c0de-0000-7000-8000-000000000001',
  ...change,
});

describe('agency rules', () => {
  it('asks for an agency for any staff role and requires it for agency roles', () => {
    expect(showsAgency(['citizen'])).toBe(false);
    expect(showsAgency(['admin'])).toBe(true);
    expect(needsAgency(['admin'])).toBe(false);
    expect(needsAgency(['party_member', 'agency_leader'])).toBe(true);
  });
});

describe('checkForm', () => {
  it('passes a complete officer account', () => {
    expect(checkForm(officer(), 'create')).toEqual({});
  });

  it('names each missing or malformed field', () => {
    expect(checkForm(emptyForm(), 'create')).toEqual({ username: 'required', password: 'required', fullName: 'required', roles: 'noRole' });
    expect(checkForm(officer({ username: '1abc' }), 'create').username).toBe('username');
    expect(checkForm(officer({ username: 'lê.văn' }), 'create').username).toBe('username');
    expect(checkForm(officer({ agencyId: '' }), 'create')).toEqual({ agencyId: 'agency' });
  });

  it('asks 12 characters of staff and 8 of citizens', () => {
    expect(checkForm(officer({ password: 'ngắn1234' }), 'create').password).toBe('tooShort');
    expect(checkForm(officer({ password: 'ngắn1234', roles: ['citizen'], agencyId: '' }), 'create').password).toBeUndefined();
  });

  it('checks neither username nor password when editing', () => {
    expect(checkForm(officer({ username: '', password: '' }), 'edit')).toEqual({});
  });
});

describe('request bodies', () => {
  it('leaves out empty contacts and trims', () => {
    expect(createBody(officer({ fullName: '  Nguyễn Thị Hoa ', email: ' ', phone: '0912 000 123' }))).toEqual({
      username: 'cb.stp.moi',
      fullName: 'Nguyễn Thị Hoa',
      password: 'một câu đủ dài 2026',
      roles: ['officer'],
      agencyId: '0190c0de-0000-7000-8000-000000000001',
      partyOrgId: null,
      phone: '0912 000 123',
    });
  });

  it('sends the Party organisation with a Party role only, and drops it with the role', () => {
    const cell = '0190c0de-0000-7000-8000-0000000000aa';
    expect(showsPartyOrg(['officer'])).toBe(false);
    expect(showsPartyOrg(['officer', 'party_member'])).toBe(true);
    expect(showsPartyOrg(['party_officer'])).toBe(true);
    expect(createBody(officer({ roles: ['officer', 'party_member'], partyOrgId: cell })).partyOrgId).toBe(cell);
    expect(createBody(officer({ roles: ['officer'], partyOrgId: cell })).partyOrgId).toBeNull();
    expect(updateBody(officer({ roles: ['party_officer'], partyOrgId: cell })).partyOrgId).toBe(cell);
    expect(updateBody(officer({ roles: ['party_member'], partyOrgId: '' })).partyOrgId).toBeNull();
    expect(updateBody(officer({ roles: ['officer'], partyOrgId: cell })).partyOrgId).toBeNull();
  });

  it('sends no agency for a citizen-only account', () => {
    expect(updateBody(officer({ roles: ['citizen'] }))).toEqual({ fullName: 'Nguyễn Thị Hoa', roles: ['citizen'], agencyId: null, partyOrgId: null });
    expect(updateBody(officer({ roles: ['admin'], agencyId: '' })).agencyId).toBeNull();
  });

  it('starts the edit form from the view, its contacts empty (the list shows them masked)', () => {
    const form = formOf({ id: 'x', username: 'a.b', fullName: 'A B', email: 'a***@example.vn', phone: '09******78', roles: ['officer'], agencyId: null, partyOrgId: 'p-1', disabled: false, totpEnrolled: false, createdAt: '' });
    expect(form).toMatchObject({ username: 'a.b', fullName: 'A B', roles: ['officer'], agencyId: '', partyOrgId: 'p-1', password: '', email: '', phone: '' });
  });

  it('sends a new contact only when one is typed', () => {
    expect(updateBody(officer({ email: '', phone: ' ' }))).not.toHaveProperty('email');
    expect(updateBody(officer({ email: '', phone: ' ' }))).not.toHaveProperty('phone');
    expect(updateBody(officer({ email: ' moi@example.vn ', phone: '0912 555 666' }))).toMatchObject({ email: 'moi@example.vn', phone: '0912 555 666' });
  });

  it('sends null to remove a contact when its box is ticked, whatever was typed', () => {
    expect(updateBody(officer({ clearEmail: true }))).toMatchObject({ email: null });
    expect(updateBody(officer({ clearEmail: true }))).not.toHaveProperty('phone');
    expect(updateBody(officer({ email: 'moi@example.vn', clearEmail: true, phone: '0912555666', clearPhone: false }))).toMatchObject({ email: null, phone: '0912555666' });
    expect(updateBody(officer({ clearPhone: true }))).toMatchObject({ phone: null });
  });

  it("treats an account holding only the citizen role as the person's own (no contact change offered)", () => {
    expect(isCitizenAccount(['citizen'])).toBe(true);
    expect(isCitizenAccount(['citizen', 'officer'])).toBe(false);
    expect(isCitizenAccount(['admin'])).toBe(false);
  });
});

describe('fieldOfError', () => {
  it('maps the API field paths to form fields', () => {
    expect(fieldOfError('roles.0')).toBe('roles');
    expect(fieldOfError('agencyId')).toBe('agencyId');
    expect(fieldOfError('/body/password')).toBe('password');
    expect(fieldOfError('body')).toBeUndefined();
    expect(fieldOfError('partyOrgId')).toBe('partyOrgId');
    expect(fieldOfError('disabled')).toBeUndefined();
  });
});

describe('toggleRole', () => {
  it('keeps the offered order and drops unticked roles', () => {
    expect(toggleRole(['admin'], 'officer', true)).toEqual(['officer', 'admin']);
    expect(toggleRole(['officer', 'admin'], 'officer', false)).toEqual(['admin']);
    expect(toggleRole(['officer'], 'officer', true)).toEqual(['officer']);
  });
});

describe('list addresses', () => {
  it('reads the page address, ignoring unknown roles and bad pages', () => {
    expect(listQueryOf(new URLSearchParams('q=%20Hoa%20&role=officer&page=3'))).toEqual({ q: 'Hoa', role: 'officer', agencyId: '', page: 3 });
    expect(listQueryOf(new URLSearchParams('role=king&page=-2'))).toEqual({ q: '', role: '', agencyId: '', page: 1 });
  });

  it('builds the API path and the page link', () => {
    const q = { q: 'Hòa', role: 'officer', agencyId: '', page: 2 };
    expect(usersApiPath('/api/users', q)).toBe('/api/users?q=H%C3%B2a&role=officer&page=2&pageSize=20');
    expect(usersPageHref({ ...q, page: 1 })).toBe('/quan-tri/nguoi-dung?q=H%C3%B2a&role=officer');
    expect(usersPageHref({ q: '', role: '', agencyId: '', page: 1 })).toBe('/quan-tri/nguoi-dung');
  });

  it('counts pages', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
