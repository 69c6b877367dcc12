import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PROBLEMS, type ProblemCode } from './problems.ts';

/** `GET /problems/{code}` documents each problem `type` the API may answer with. */
export const registerProblemDocs = (app: FastifyInstance) => {
  app.get(
    '/problems/:code',
    { config: { access: 'public' }, schema: { hide: true, params: z.object({ code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]) }) } },
    async (request) => {
      const { code } = request.params as { code: ProblemCode };
      const p = PROBLEMS[code];
      return { type: `/problems/${code}`, status: p.status, title: p.title, description: p.en };
    },
  );
};
