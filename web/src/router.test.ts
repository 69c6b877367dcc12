import { describe, expect, it } from 'vitest';
import { matchPath, safeNext } from './router.tsx';

describe('matchPath', () => {
  it('matches fixed segments exactly and captures parameters', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/login', '/login')).toEqual({});
    expect(matchPath('/login', '/login/')).toEqual({});
    expect(matchPath('/soon/:feature', '/soon/services')).toEqual({ feature: 'services' });
    expect(matchPath('/soon/:feature', '/soon/h%E1%BB%93-s%C6%A1')).toEqual({ feature: 'hồ-sơ' });
  });

  it('refuses other paths', () => {
    expect(matchPath('/login', '/signup')).toBeNull();
    expect(matchPath('/', '/login')).toBeNull();
    expect(matchPath('/soon/:feature', '/soon')).toBeNull();
    expect(matchPath('/soon/:feature', '/soon/a/b')).toBeNull();
    expect(matchPath('/soon/:feature', '/soon/%E0%A4%A')).toBeNull();
  });
});

describe('safeNext', () => {
  it('keeps in-site paths and drops anything that could leave the site', () => {
    expect(safeNext('/profile')).toBe('/profile');
    expect(safeNext('/search?q=a')).toBe('/search?q=a');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example/')).toBe('/');
  });
});
