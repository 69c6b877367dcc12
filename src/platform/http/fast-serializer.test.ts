import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from './fast-serializer.ts';

const Answer = z.object({
  code: z.string(),
  status: z.number().int(),
  dueAt: z.string().nullable(),
  onTime: z.boolean(),
});

const serialize = fastSerializerCompiler({ schema: Answer });

describe('fastSerializerCompiler', () => {
  it('writes what JSON.stringify writes for an answer that fits the schema, Vietnamese and quotes included', () => {
    for (const answer of [
      { code: '000.00.00.H59-261206-0001', status: 4, dueAt: '2026-12-08T10:00:00.000Z', onTime: true },
      { code: 'Hồ sơ "đặc biệt" \\ \u2028', status: 10, dueAt: null, onTime: false },
    ]) {
      const text = serialize(answer);
      expect(text).toBe(JSON.stringify(answer));
      expect(Answer.parse(JSON.parse(text))).toEqual(answer);
    }
  });

  it('leaves out any field the schema does not declare', () => {
    const text = serialize({ code: 'X', status: 1, dueAt: null, onTime: true, ownerName: 'Nguyễn Văn A', idNumber: '001234567890' });
    expect(JSON.parse(text)).toEqual({ code: 'X', status: 1, dueAt: null, onTime: true });
    expect(text).not.toContain('Nguyễn');
  });

  it('fails an answer that lacks a required field, and refuses a schema that is not zod', () => {
    expect(() => serialize({ code: 'X', status: 1, dueAt: null })).toThrow(/onTime/);
    expect(() => fastSerializerCompiler({ schema: { type: 'object' } })).toThrow(TypeError);
  });
});
