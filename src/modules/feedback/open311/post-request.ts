import { randomBytes } from 'node:crypto';
import type { CalendarService } from '../../../platform/calendar/service.ts';
import { type Db, type Queryable } from '../../../platform/db/pool.ts';
import type { FileReportInput } from '../reports/file-report-input.ts';
import { fileReport } from '../reports/file-report.ts';
import { DEMO_PROVINCE_AREA, type ProvinceArea } from '../places/province-area.ts';
import type { ApiClient } from './api-keys.ts';
import { readAttributes, TITLE_MAX } from './attributes.ts';
import { badRequest } from './errors.ts';
import type { PostFields } from './form-body.ts';
import { listAnswer, type Answer } from './format.ts';
import { locate } from './locate.ts';
import { findService, serviceNotice, type Service } from './services.ts';

/**
 * `POST requests`: an Open311 request becomes an ordinary report through fileReport (channel
 * `open311`, no signed-in reporter, the contact kept private), so it follows the same workflow,
 * moderation and deadlines as one filed on the web. The answer carries the report's code as
 * `service_request_id` at once, and a `token` that `GET tokens/{token}` resolves to it.
 */
export const DESCRIPTION_MAX = 4000;

const limited = (name: string, value: string | undefined, max: number) => {
  const v = value?.trim() || undefined;
  if (v && [...v].length > max) throw badRequest(`${name}: tối đa ${max} ký tự / at most ${max} characters`);
  return v;
};

/** A title from the description: its first sentence or line, cut at a word near TITLE_MAX. */
export const titleFrom = (description: string): string => {
  const first = description.split(/(?<=[.!?])\s+|\n/)[0]!.trim();
  if ([...first].length <= 120) return first;
  const cut = [...first].slice(0, 120).join('');
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).trimEnd()}…`;
};

/** The fileReport input of an Open311 POST (checks what is Open311's own; fileReport checks the rest). */
export const toReportInput = async (db: Queryable, area: ProvinceArea, service: Service, body: PostFields): Promise<FileReportInput> => {
  const f = body.fields;
  const attributes = readAttributes(service.kind, body.attribute);
  const description = limited('description', f.description, DESCRIPTION_MAX);
  const place = await locate(db, area, f);
  const mediaUrl = limited('media_url', f.media_url, 2000);
  const name = [limited('last_name', f.last_name, 100), limited('first_name', f.first_name, 100)].filter(Boolean).join(' ');
  const contact = {
    ...(name ? { name } : {}),
    ...(f.phone?.trim() ? { phone: f.phone.trim() } : {}),
    ...(f.email?.trim() ? { email: f.email.trim() } : {}),
  };
  const title = attributes.title ?? (description ? titleFrom(description) : service.name);
  return {
    topicCode: service.code,
    title: [...title].slice(0, TITLE_MAX).join(''),
    description: description ?? title,
    lat: place.lat,
    lng: place.lng,
    ...(place.address ? { address: place.address.slice(0, 300) } : {}),
    ...(place.communeCode ? { communeCode: place.communeCode } : {}),
    privacy: attributes.privacy,
    ...(mediaUrl ? { mediaUrls: [mediaUrl] } : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    reporterId: null,
    channel: 'open311',
    ...(attributes.dossierCode ? { dossierCode: attributes.dossierCode } : {}),
  };
};

export type PostContext = { db: Db; client: ApiClient; calendar?: CalendarService; requestId?: string; area?: ProvinceArea };

export const postRequest = async (ctx: PostContext, body: PostFields): Promise<Answer> => {
  const code = body.fields.service_code?.trim();
  if (!code) throw badRequest('service_code: bắt buộc / service_code is required');
  const service = await findService(ctx.db, code);
  if (!service) throw badRequest(`service_code: '${code.slice(0, 80)}' không có / not found`);
  const accountId = limited('account_id', body.fields.account_id, 200);
  limited('device_id', body.fields.device_id, 200);
  const input = await toReportInput(ctx.db, ctx.area ?? DEMO_PROVINCE_AREA, service, body);
  // The token is written with the report, in its transaction: an answer never lacks it.
  const token = randomBytes(18).toString('base64url');
  const filed = await fileReport(
    ctx.db,
    { ...input, open311Token: token },
    {
      calendar: ctx.calendar,
      requestId: ctx.requestId,
      ...(ctx.area ? { area: ctx.area } : {}),
      via: { name: `open311:${ctx.client.name}`, detail: { apiKeyId: ctx.client.id } },
    },
  );
  return listAnswer('service_requests', 'request', [
    { service_request_id: filed.code, token, service_notice: serviceNotice(service), account_id: accountId ?? null },
  ]);
};
