import type { FastifyBaseLogger } from 'fastify';
import { recordAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { identityStanding } from '../../../platform/auth/vneid-level.ts';
import { type Db, withTransaction } from '../../../platform/db/pool.ts';
import { AppError, type FieldError } from '../../../platform/http/problems.ts';
import { getCommune } from '../../org/admin-units-queries.ts';
import { activeConsent, maskIdNumber } from '../../privacy/index.ts';
import { citizenById } from '../../services/intake/index.ts';
import { type PopulationClient, PopulationLookupError } from './client.ts';
import type { PopulationAnswer, PrefillAnswer, Residence } from './schema.ts';

export const PREFILL_PURPOSE = 'population-prefill' as const;

export type PrefillContext = {
  db: Db;
  /** Undefined when POPULATION_API_URL is not set. */
  population: PopulationClient | undefined;
  userId: string;
  sessionId: string;
  actor: AuditActor;
  requestId: string;
  log: FastifyBaseLogger;
};

/** The caller's own ID number: the one VNeID vouched for, else the one the counter recorded from the card. */
const ownIdNumber = async (db: Db, userId: string, sessionId: string): Promise<string | undefined> => {
  const standing = await identityStanding(db, userId, sessionId);
  if (standing.idNumber) return standing.idNumber;
  return (await citizenById(db, userId))?.idNumber ?? undefined;
};

const residenceOf = async (db: Db, place: { maXa: string; diaChi: string }): Promise<Residence> => {
  const commune = await getCommune(db, place.maXa).catch(() => undefined);
  const parts = [place.diaChi.trim(), commune?.name, commune?.provinceName].filter((p): p is string => Boolean(p));
  return { communeCode: place.maXa, communeName: commune?.name ?? null, address: place.diaChi.trim(), text: parts.join(', ') };
};

const answerOf = async (db: Db, a: PopulationAnswer): Promise<PrefillAnswer> => {
  const permanentResidence = await residenceOf(db, a.thuongTru);
  const currentResidence = a.noiOHienTai ? await residenceOf(db, a.noiOHienTai) : permanentResidence;
  return {
    source: 'population-database',
    fetchedAt: new Date(),
    person: { idNumber: a.soDinhDanh, fullName: a.hoVaTen, dateOfBirth: a.ngaySinh, sex: a.gioiTinh, permanentResidence, currentResidence },
    fields: { fullName: a.hoVaTen, dateOfBirth: a.ngaySinh, idNumber: a.soDinhDanh, sex: a.gioiTinh, residence: currentResidence.text },
  };
};

const NO_ID: FieldError = {
  field: 'idNumber',
  message: 'Tài khoản chưa có số định danh cá nhân đã xác thực: hãy đăng nhập bằng VNeID, hoặc tự điền tờ khai',
};

/**
 * `POST /api/me/prefill`: the caller's identity and residence from the national population
 * database, looked up by their own ID number (from their VNeID sign-in or the counter's record,
 * never from the request), only with their active consent to `population-prefill`. Every lookup
 * sent is audited (`population.lookup`, outcome and masked number); a failure answers 404 or 502
 * problem+json so the web keeps the form fillable by hand.
 */
export const prefillFromPopulation = async (ctx: PrefillContext): Promise<PrefillAnswer> => {
  if (!(await activeConsent(ctx.db, ctx.userId, PREFILL_PURPOSE))) {
    throw new AppError('consent-required', 'Hãy đồng ý cho tra cứu Cơ sở dữ liệu quốc gia về dân cư trước khi điền sẵn.', { purpose: PREFILL_PURPOSE });
  }
  const idNumber = await ownIdNumber(ctx.db, ctx.userId, ctx.sessionId);
  if (!idNumber) throw new AppError('missing-fields', NO_ID.message, { errors: [NO_ID] });
  if (!ctx.population) throw new AppError('population-unavailable', 'Hệ thống chưa được kết nối với Cơ sở dữ liệu quốc gia về dân cư; vui lòng tự điền tờ khai.');

  const audit = (outcome: string) =>
    withTransaction(ctx.db, (tx) =>
      recordAudit(tx, {
        actor: ctx.actor,
        action: 'population.lookup',
        target: { type: 'user', id: ctx.userId },
        after: { purpose: PREFILL_PURPOSE, idNumber: maskIdNumber(idNumber), outcome },
        requestId: ctx.requestId,
      }),
    );
  let found: PopulationAnswer;
  try {
    found = await ctx.population.lookup(idNumber);
  } catch (error) {
    if (!(error instanceof PopulationLookupError)) throw error;
    await audit(error.kind);
    ctx.log.warn({ kind: error.kind, reason: error.message }, 'population lookup failed');
    if (error.kind === 'not-found') throw new AppError('population-not-found', 'Cơ sở dữ liệu quốc gia về dân cư không có thông tin theo số định danh của bạn; vui lòng tự điền tờ khai.');
    throw new AppError('population-unavailable', error.kind === 'timeout' ? 'Cơ sở dữ liệu quốc gia về dân cư không trả lời kịp; vui lòng thử lại hoặc tự điền tờ khai.' : undefined);
  }
  await audit('found');
  return answerOf(ctx.db, found);
};
