import { describe, expect, it } from 'vitest';
import { parseFormBody, postFieldsOf } from './form-body.ts';

describe('Open311 POST fields', () => {
  it('reads the spec form encoding, attributes in brackets', () => {
    const body = parseFormBody(
      'api_key=k&service_code=ha-tang&lat=11.3&long=106.1&description=%E1%BB%95+g%C3%A0&attribute%5Bprivacy%5D=public' +
        '&attribute%5Btags%5D%5B%5D=a&attribute%5Btags%5D%5B%5D=b&attribute[one][]=x&email=a%40b.vn&email=second',
    );
    expect(postFieldsOf(body)).toEqual({
      fields: { api_key: 'k', service_code: 'ha-tang', lat: '11.3', long: '106.1', description: 'ổ gà', email: 'a@b.vn' },
      attribute: { privacy: 'public', tags: ['a', 'b'], one: ['x'] },
    });
  });

  it('reads JSON bodies with attribute as an object or in brackets, numbers as text', () => {
    expect(postFieldsOf({ lat: 11.3, long: 106, attribute: { privacy: 'secret', tags: ['a'] }, 'attribute[title]': 'Ổ gà' })).toEqual({
      fields: { lat: '11.3', long: '106' },
      attribute: { privacy: 'secret', tags: ['a'], title: 'Ổ gà' },
    });
  });

  it('ignores nested objects and bodies that are not objects', () => {
    expect(postFieldsOf({ description: { evil: true }, lat: null })).toEqual({ fields: {}, attribute: {} });
    expect(postFieldsOf('text')).toEqual({ fields: {}, attribute: {} });
    expect(postFieldsOf([1, 2])).toEqual({ fields: {}, attribute: {} });
    expect(postFieldsOf(undefined)).toEqual({ fields: {}, attribute: {} });
  });
});

describe('Open311 POST fields and odd keys', () => {
  it('keeps __proto__ as a plain key', () => {
    const parsed = postFieldsOf(parseFormBody('__proto__=x&__proto__=y&attribute[__proto__]=z&service_code=a'));
    expect(parsed.fields.service_code).toBe('a');
    expect(Object.getPrototypeOf(parsed.fields)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
