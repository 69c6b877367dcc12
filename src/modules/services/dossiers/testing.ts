import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { bearer } from '../../../../test/helpers/app.ts';
import { uuidv7 } from '../../../platform/db/ids.ts';
import type { Db } from '../../../platform/db/pool.ts';

/**
 * Test support (imported by tests only): fixture procedures (so that the dossier tests do not
 * depend on the shipped catalogue's wording), files owned by a user, and filing through the API.
 */
export const FIXTURE_FORM = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    fullName: { type: 'string', title: 'Họ và tên', minLength: 2, maxLength: 100 },
    birthDate: { type: 'string', title: 'Ngày sinh', format: 'date' },
    purpose: { type: 'string', title: 'Mục đích', enum: ['Xin việc', 'Du học'] },
  },
  required: ['fullName', 'birthDate'],
  additionalProperties: false,
};

export const FIXTURE_DOCUMENTS = [
  { code: 'to-khai', name: 'Tờ khai theo mẫu', required: true, originals: 1, copies: 0, reusable: false },
  { code: 'can-cuoc', name: 'Bản sao thẻ căn cước', required: true, originals: 0, copies: 1, reusable: true },
  { code: 'uy-quyen', name: 'Văn bản ủy quyền', required: false, originals: 1, copies: 0, reusable: false },
];

export type FixtureOptions = { code?: string; level?: 'province' | 'commune'; agencyCode?: string; days?: number | null; hours?: number | null; restartOnSupplement?: boolean };

/** A procedure of Sở Tư pháp (3 working days) unless told otherwise; returns its code. */
export const insertFixtureProcedure = async (db: Db, o: FixtureOptions = {}): Promise<string> => {
  const code = o.code ?? `test.fixture-${randomBytes(3).toString('hex')}`;
  const level = o.level ?? 'province';
  await db.query(
    `INSERT INTO procedures (code, name, field, level, agency_code, days, hours, restart_on_supplement, online, documents, form, result, legal_basis)
     VALUES ($1, $2, 'Lý lịch tư pháp', $3, $4, $5, $6, $7, 'toan-trinh', $8, $9, 'Phiếu', 'Luật thử nghiệm')`,
    [code, `Thủ tục thử nghiệm ${code}`, level, o.agencyCode ?? (level === 'commune' ? 'commune' : '000.00.04.H59'), o.days === undefined ? 3 : o.days,
      o.hours ?? null, o.restartOnSupplement ?? false, JSON.stringify(FIXTURE_DOCUMENTS), JSON.stringify(FIXTURE_FORM)],
  );
  return code;
};

export const userIdOf = async (db: Db, username: string): Promise<string> =>
  (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;

export const agencyIdOf = async (db: Db, code: string): Promise<string> =>
  (await db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code])).rows[0]!.id;

/** A file row owned by the user (the bytes are not needed by the dossier module). */
export const fileOwnedBy = async (db: Db, userId: string): Promise<string> => {
  const id = uuidv7();
  const sha = createHash('sha256').update(id).digest('hex');
  await db.query(
    `INSERT INTO files (id, sha256, size, content_type, original_name, owner_user_id) VALUES ($1, $2, 10, 'application/pdf', 'giay-to.pdf', $3)`,
    [id, sha, userId],
  );
  return id;
};

export const VALID_DATA = { fullName: 'Nguyễn Văn An', birthDate: '1990-05-17', purpose: 'Xin việc' };

/** Files a complete dossier of `procedureCode` as the citizen behind `token`; returns its id and code. */
export const fileThroughApi = async (
  app: FastifyInstance,
  db: Db,
  token: string,
  procedureCode: string,
  extra: { communeCode?: string; headers?: Record<string, string> } = {},
): Promise<{ id: string; code: string; dueAt: string }> => {
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  const ownerId = me.json<{ user: { id: string } }>().user.id;
  const documents = [
    { code: 'to-khai', fileId: await fileOwnedBy(db, ownerId) },
    { code: 'can-cuoc', fileId: await fileOwnedBy(db, ownerId) },
  ];
  const res = await app.inject({
    method: 'POST',
    url: '/api/dossiers',
    headers: { ...bearer(token), ...extra.headers },
    payload: { procedureCode, data: VALID_DATA, documents, submit: true, ...(extra.communeCode ? { communeCode: extra.communeCode } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

/** Performs an action through the API and returns the response. */
export const act = (app: FastifyInstance, token: string, id: string, action: string, body: object = {}, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: `/api/dossiers/${id}/actions/${action}`, headers: { ...bearer(token), ...headers }, payload: body });
