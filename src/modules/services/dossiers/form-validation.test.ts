import { describe, expect, it } from 'vitest';
import { normalizeFormData, validateFormData } from './form-validation.ts';
import { FIXTURE_FORM } from './testing.ts';

const procedure = { code: 'test.form', updatedAt: new Date('2026-11-01T00:00:00Z'), form: FIXTURE_FORM };

describe('validateFormData (JSON Schema draft 2020-12)', () => {
  it('accepts valid data', () => {
    expect(validateFormData(procedure, { fullName: 'Trần Thị Bình', birthDate: '1991-02-28' })).toEqual([]);
  });

  it('names every missing or invalid field from the body root, with the form titles', () => {
    const errors = validateFormData(procedure, { fullName: 'A', birthDate: '1991-02-30', purpose: 'Khác', extra: 1 });
    const fields = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    expect(Object.keys(fields).sort()).toEqual(['data.birthDate', 'data.extra', 'data.fullName', 'data.purpose']);
    expect(fields['data.fullName']).toBe('Họ và tên: Cần ít nhất 2 ký tự');
    expect(fields['data.birthDate']).toMatch(/^Ngày sinh: Ngày không hợp lệ/);
    expect(fields['data.extra']).toBe('Trường này không có trong biểu mẫu');
    expect(validateFormData(procedure, {})).toEqual([
      { field: 'data.fullName', message: 'Họ và tên: Bắt buộc nhập' },
      { field: 'data.birthDate', message: 'Ngày sinh: Bắt buộc nhập' },
    ]);
  });

  it('compiles a new validator when the procedure changes (same code, later updatedAt)', () => {
    const stricter = { ...procedure, updatedAt: new Date('2026-11-02T00:00:00Z'), form: { ...FIXTURE_FORM, required: ['fullName', 'birthDate', 'purpose'] } };
    expect(validateFormData(procedure, { fullName: 'Trần Bình', birthDate: '1991-02-28' })).toEqual([]);
    expect(validateFormData(stricter, { fullName: 'Trần Bình', birthDate: '1991-02-28' }).map((e) => e.field)).toEqual(['data.purpose']);
  });

  it('names nested fields and array items by path', () => {
    const nested = {
      code: 'test.nested',
      updatedAt: new Date(0),
      form: { type: 'object', properties: { parents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{12}$' } }, required: ['id'] } } } },
    };
    expect(validateFormData(nested, { parents: [{ id: '001234567890' }, { id: 'x' }, {}] }).map((e) => e.field)).toEqual(['data.parents.1.id', 'data.parents.2.id']);
  });
});

describe('normalizeFormData', () => {
  it('stores NFC text with the classic tone-mark placement, trimmed, keeping line breaks', () => {
    const decomposed = 'Hoa\u0300'.normalize('NFD');
    expect(normalizeFormData({ a: ` ${decomposed} `, b: ['Thuỷ'], c: { d: 'dòng 1\ndòng 2' }, n: 3, t: true })).toEqual({
      a: 'Hòa',
      b: ['Thủy'],
      c: { d: 'dòng 1\ndòng 2' },
      n: 3,
      t: true,
    });
  });
});
