import type { LightMyRequestResponse } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { Db } from '../../../platform/db/pool.ts';
import { fileReport } from '../reports/file-report.ts';

/** Test helpers for the Open311 tests: reading answers back as an outside client would. */
export const DEMO_KEY = 'demo-open311-key';
export const V2 = '/open311/v2';
/** Phường Tân Ninh (25459), in the former Tây Ninh city. */
export const TAN_NINH = { lat: 11.301, lng: 106.096, communeCode: '25459' };

const LISTS = new Set([
  'services.service',
  'service_requests.request',
  'errors.error',
  'service_definition.attributes.attribute',
  'service_definition.attributes.attribute.values.value',
  'discovery.endpoints.endpoint',
  'discovery.endpoints.endpoint.formats.format',
]);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (_name, path) => LISTS.has(String(path)) });

/** Checks the XML answer is well-formed, UTF-8, text/xml, and returns it as an object. */
export const xmlOf = (res: LightMyRequestResponse): Record<string, unknown> => {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(res.body)).toBe(true);
  return parser.parse(res.body) as Record<string, unknown>;
};

export const jsonOf = <T = unknown>(res: LightMyRequestResponse): T => {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json<T>();
};

/** The spec's error list in either format, with the HTTP status it must carry. */
export const expectOpen311Error = (res: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json') => {
  expect(res.statusCode, res.body).toBe(status);
  const items =
    format === 'json'
      ? jsonOf<{ code: number; description: string }[]>(res)
      : ((xmlOf(res).errors as { error: { code: string; description: string }[] }).error ?? []).map((e) => ({ code: Number(e.code), description: e.description }));
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) {
    expect(item.code).toBe(status);
    expect(item.description.length).toBeGreaterThan(0);
  }
  return items;
};

export const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

export const countRows = async (db: Db) => {
  const { rows } = await db.query<{ reports: number; cases: number; audit: number }>(
    `SELECT (SELECT count(*)::int FROM feedback_reports) AS reports,
            (SELECT count(*)::int FROM workflow_cases WHERE subject_type = 'feedback_report') AS cases,
            (SELECT count(*)::int FROM audit_log) AS audit`,
  );
  return rows[0]!;
};

type Fixture = { topicCode?: string; title?: string; description?: string; at?: Date; privacy?: 'public' | 'secret' | 'anonymous'; contact?: { name?: string; phone?: string; email?: string } };

/** A report filed on the web (fileReport), then moved by hand to a state, public or not (as moderation would). */
export const reportIn = async (db: Db, state: string, isPublic: boolean, f: Fixture = {}) => {
  const filed = await fileReport(db, {
    topicCode: f.topicCode ?? 'ha-tang-giao-thong',
    title: f.title ?? 'Ổ gà trên đường 30/4',
    description: f.description ?? 'Ổ gà sâu gần chợ, xe máy dễ té ngã.',
    lat: TAN_NINH.lat,
    lng: TAN_NINH.lng,
    address: 'Đường 30/4, phường Tân Ninh',
    privacy: f.privacy ?? 'secret',
    channel: 'web',
    reporterId: null,
    contact: f.contact ?? { name: 'Nguyễn Văn Bí Mật', phone: '0912345678', email: 'bimat@example.vn' },
  }, { at: f.at });
  const answered = ['answered', 'closed'].includes(state);
  await db.query(
    `UPDATE feedback_reports SET state = $2, is_public = $3, answer = $4, answered_at = CASE WHEN $5 THEN now() END WHERE id = $1`,
    [filed.id, state, isPublic, answered ? 'Đã vá ổ gà ngày 10/12.' : null, answered],
  );
  await db.query(`UPDATE workflow_cases SET state = $2 WHERE subject_type = 'feedback_report' AND subject_id = $1`, [filed.id, state]);
  return filed;
};
