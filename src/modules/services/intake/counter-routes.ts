import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActorOf, requirePrincipal } from '../../../platform/auth/access.ts';
import { withTransaction } from '../../../platform/db/pool.ts';
import { maskEmail, maskIdNumber, maskPhone } from '../../privacy/masking.ts';
import { contextOf, fileAtCounter, idempotencyKeyOf, statusName } from '../dossiers/index.ts';
import { citizenById, findCitizen, registerWalkIn } from './citizens.ts';
import { requireCounterOfficer } from './counter-officer.ts';
import { CitizenCard, CitizenQuery, CounterDossierBody, CounterFiled, WalkInBody } from './counter-schema.ts';
import { intakeIncomplete } from './errors.ts';

/**
 * Counter filing ("Tiếp nhận hồ sơ trực tiếp"), mounted at `/api/intake/counter`, for one-stop
 * officers: find the citizen who came in person (exact phone, ID number or e-mail, sent in the body) or register a
 * walk-in citizen, then file the dossier with the scanned papers; it is received at once.
 */
export const counterRoutes: FastifyPluginAsync = async (parent) => {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Tiếp nhận trực tiếp'];
  const config = { access: { anyOf: ['dossier.process'] }, rateLimit: { max: 120, timeWindow: '1 minute' } } as const;
  // After the scope check (the access hook runs first), before the body is parsed: 404 for staff
  // outside a one-stop centre, never 400.
  app.addHook('onRequest', async (request) => requireCounterOfficer(app.db, requirePrincipal(request)));

  // A POST with the identifier in the body: a CCCD number or a phone never travels in a URL (where
  // proxies, logs and browser history keep it); the answer shows them masked (modules/privacy).
  app.post(
    '/citizens/search',
    { config, schema: { tags, summary: 'Tìm công dân theo đúng số điện thoại, số định danh hoặc e-mail (gửi trong thân yêu cầu)', body: CitizenQuery, response: { 200: z.object({ items: z.array(CitizenCard) }) } } },
    async (request) => {
      const found = await findCitizen(app.db, request.body);
      return { items: found ? [{ ...found, phone: maskPhone(found.phone), email: maskEmail(found.email), idNumber: maskIdNumber(found.idNumber) }] : [] };
    },
  );

  app.post(
    '/citizens',
    {
      config,
      schema: {
        tags,
        summary: 'Lập hồ sơ công dân đến nộp trực tiếp (chưa có tài khoản; công dân nhận tài khoản sau bằng đăng ký OTP cùng số điện thoại/e-mail)',
        body: WalkInBody,
        response: { 200: CitizenCard, 201: CitizenCard },
      },
    },
    async (request, reply) => {
      const { citizen, created } = await withTransaction(app.db, (tx) => registerWalkIn(tx, request.body, auditActorOf(request), request.id));
      return reply.status(created ? 201 : 200).send(citizen);
    },
  );

  app.post(
    '/dossiers',
    {
      config,
      schema: {
        tags,
        summary: 'Nộp hồ sơ thay công dân và tiếp nhận ngay (Idempotency-Key chống gửi trùng; cùng khóa → cùng hồ sơ, 200)',
        body: CounterDossierBody,
        response: { 200: CounterFiled, 201: CounterFiled },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(app, request);
      const key = idempotencyKeyOf(request);
      const { citizenId, ...filing } = request.body;
      if (!(await citizenById(app.db, citizenId))) throw intakeIncomplete([{ field: 'citizenId', message: 'Không có công dân này (hãy tìm hoặc lập hồ sơ công dân trước)' }]);
      const filed = await fileAtCounter(ctx, { ownerId: citizenId, ...filing }, key);
      const { created, ...answer } = filed;
      return reply.status(created ? 201 : 200).header('location', `/api/dossiers/${filed.id}`).send({ ...answer, statusName: statusName(filed.status) });
    },
  );
};
