import { describe, expect, it } from 'vitest';
import { checkField, checkForm, dataOf, fieldKeyOf, fieldsOf, formItemsOf, valuesOf, type FormField } from './schema-form.ts';

const BIRTH = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['childName', 'birthDate', 'sex', 'mother'],
  $defs: { person: { type: 'string', minLength: 2, maxLength: 100 } },
  properties: {
    childName: { $ref: '#/$defs/person', title: 'Họ, chữ đệm, tên của trẻ' },
    birthDate: { type: 'string', format: 'date', title: 'Ngày sinh' },
    sex: { type: 'string', title: 'Giới tính', oneOf: [{ const: 'nam', title: 'Nam' }, { const: 'nu', title: 'Nữ' }] },
    weight: { type: ['number', 'null'], title: 'Cân nặng (kg)', minimum: 0.3, maximum: 10 },
    twins: { type: 'integer', title: 'Số trẻ sinh đôi', minimum: 1 },
    ethnicity: { type: 'string', enum: ['Kinh', 'Khmer', 'Chăm'], title: 'Dân tộc', default: 'Kinh' },
    mother: {
      type: 'object',
      title: 'Người mẹ',
      required: ['fullName', 'idNumber'],
      properties: {
        fullName: { type: 'string', title: 'Họ và tên mẹ' },
        idNumber: { type: 'string', title: 'Số định danh cá nhân', pattern: '^[0-9]{12}$' },
        address: { type: 'object', properties: { line: { type: 'string' } } },
      },
    },
    email: { type: 'string', format: 'email', title: 'Email nhận thông báo' },
    note: { type: 'string', maxLength: 1000, title: 'Ghi chú' },
    declaration: { type: 'boolean', const: true, title: 'Tôi cam đoan nội dung trên là đúng sự thật' },
    tags: { type: 'array', items: { type: 'string' } },
  },
};

describe('formItemsOf', () => {
  const items = formItemsOf(BIRTH);
  const fields = fieldsOf(items);
  const byKey = (key: string) => fields.find((f) => f.key === key)!;

  it('reads the inputs, required ones first in the order of `required`, with titles as labels and required marks', () => {
    expect(fields.map((f) => f.key)).toEqual([
      'childName', 'birthDate', 'sex', 'mother.fullName', 'mother.idNumber', 'weight', 'twins', 'ethnicity', 'email', 'note', 'declaration',
    ]);
    expect(byKey('childName')).toMatchObject({ label: 'Họ, chữ đệm, tên của trẻ', kind: 'text', required: true, minLength: 2, maxLength: 100 });
    expect(byKey('weight')).toMatchObject({ kind: 'number', required: false, minimum: 0.3 });
    expect(byKey('twins').kind).toBe('integer');
    expect(byKey('birthDate').kind).toBe('date');
    expect(byKey('email').kind).toBe('email');
    expect(byKey('note').kind).toBe('textarea');
    expect(byKey('declaration')).toMatchObject({ kind: 'boolean', mustBeTrue: true });
  });

  it('turns enums and oneOf/const into selects with labels', () => {
    expect(byKey('sex')).toMatchObject({ kind: 'select', options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] });
    expect(byKey('ethnicity').options?.map((o) => o.label)).toEqual(['Kinh', 'Khmer', 'Chăm']);
  });

  it('groups one nested level, with its own required list, and drops deeper levels and arrays', () => {
    const group = items.find((i) => 'group' in i);
    expect(group && 'group' in group ? group.group.label : undefined).toBe('Người mẹ');
    expect(byKey('mother.fullName').required).toBe(true);
    expect(fields.some((f) => f.key.startsWith('mother.address') || f.key === 'tags')).toBe(false);
  });

  it('gives nothing for a schema that is not an object', () => {
    expect(formItemsOf(null)).toEqual([]);
    expect(formItemsOf('x')).toEqual([]);
  });
});

describe('orderedProperties', () => {
  it('follows x-order (or propertyOrder) when the schema names one, as jsonb storage loses key order', () => {
    const properties = { b: { type: 'string' }, aa: { type: 'string' }, c: { type: 'string' } };
    const names = (schema: object) => fieldsOf(formItemsOf({ type: 'object', properties, ...schema })).map((f) => f.key);
    expect(names({ 'x-order': ['c', 'aa', 'b'] })).toEqual(['c', 'aa', 'b']);
    expect(names({ propertyOrder: ['aa'] })).toEqual(['aa', 'b', 'c']);
    expect(names({ required: ['c'] })).toEqual(['c', 'b', 'aa']);
  });
});

describe('values and data', () => {
  const fields = fieldsOf(formItemsOf(BIRTH));

  it('builds nested data, numbers as numbers, blanks left out, text trimmed', () => {
    const data = dataOf(fields, {
      childName: '  Nguyễn Văn Bình ',
      birthDate: '2026-03-05',
      sex: 'nam',
      weight: '3,2',
      twins: '',
      'mother.fullName': 'Trần Thị Hoa',
      'mother.idNumber': '',
      declaration: true,
    });
    expect(data).toEqual({ childName: 'Nguyễn Văn Bình', birthDate: '2026-03-05', sex: 'nam', weight: 3.2, mother: { fullName: 'Trần Thị Hoa' }, declaration: true });
  });

  it('round-trips a saved draft into the inputs', () => {
    const saved = { childName: 'An', weight: 3, mother: { idNumber: '079123456789' }, declaration: true };
    const values = valuesOf(fields, saved);
    expect(values).toMatchObject({ childName: 'An', weight: '3', 'mother.idNumber': '079123456789', 'mother.fullName': '', declaration: true, sex: '' });
    expect(dataOf(fields, values)).toEqual(saved);
  });

  it('offers the schema defaults in a new form only', () => {
    expect(valuesOf(fields, {}, true).ethnicity).toBe('Kinh');
    expect(valuesOf(fields, {}).ethnicity).toBe('');
    expect(valuesOf(fields, { ethnicity: 'Khmer' }, true).ethnicity).toBe('Khmer');
  });
});

describe('checks before sending', () => {
  const fields = fieldsOf(formItemsOf(BIRTH));
  const field = (key: string): FormField => fields.find((f) => f.key === key)!;

  it('names every problem', () => {
    const problems = checkForm(fields, {
      childName: 'A',
      birthDate: '2026-02-30',
      sex: 'khac',
      weight: 'nặng',
      twins: '1.5',
      'mother.idNumber': '12345',
      email: 'không-phải-email',
      declaration: false,
    });
    expect(problems).toEqual({
      childName: { kind: 'minLength', limit: 2 },
      birthDate: { kind: 'date' },
      sex: { kind: 'option' },
      weight: { kind: 'number' },
      twins: { kind: 'integer' },
      'mother.fullName': { kind: 'required' },
      'mother.idNumber': { kind: 'pattern' },
      email: { kind: 'email' },
      declaration: { kind: 'tick' },
    });
  });

  it('accepts good values and optional blanks', () => {
    expect(checkField(field('weight'), '')).toBeUndefined();
    expect(checkField(field('weight'), '12')).toEqual({ kind: 'maximum', limit: 10 });
    expect(checkField(field('birthDate'), '2024-02-29')).toBeUndefined();
    expect(checkField(field('mother.idNumber'), '079123456789')).toBeUndefined();
    expect(checkField(field('declaration'), true)).toBeUndefined();
    expect(checkField(field('note'), 'x'.repeat(1001))).toEqual({ kind: 'maxLength', limit: 1000 });
  });
});

describe('fieldKeyOf', () => {
  it('maps the server error fields to input keys', () => {
    expect(fieldKeyOf('data.childName')).toBe('childName');
    expect(fieldKeyOf('data/mother/fullName')).toBe('mother.fullName');
    expect(fieldKeyOf('/mother/fullName')).toBe('mother.fullName');
    expect(fieldKeyOf('documents.TOKHAI')).toBe('documents.TOKHAI');
    expect(fieldKeyOf('communeCode')).toBe('communeCode');
  });
});
