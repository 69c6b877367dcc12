import type { Queryable } from '../../../platform/db/pool.ts';
import type { TopicKind } from '../topics/topic-store.ts';
import { attributesOf, attributeView } from './attributes.ts';
import { notFound } from './errors.ts';
import { listAnswer, type Answer } from './format.ts';

/**
 * Services are the feedback topics marked `open311` and active; `service_code` is the topic's
 * code, `group` its field (lĩnh vực). Reports are created at once, so every service is
 * `realtime`; every topic has attributes, so `metadata` is true.
 */
export type Service = {
  id: string;
  code: string;
  name: string;
  description: string;
  field: string;
  keywords: string[];
  kind: TopicKind;
  limitWorkingDays: number;
};

const SELECT = `SELECT id, code, name, description, field, keywords, kind, limit_working_days AS "limitWorkingDays"
  FROM feedback_topics WHERE open311 AND active`;

export const listServices = async (db: Queryable): Promise<Service[]> =>
  (await db.query<Service>(`${SELECT} ORDER BY sort, code`)).rows;

export const findService = async (db: Queryable, code: string): Promise<Service | null> =>
  (await db.query<Service>(`${SELECT} AND code = $1`, [code.trim().toLowerCase()])).rows[0] ?? null;

export const requireService = async (db: Queryable, code: string): Promise<Service> => {
  const service = await findService(db, code);
  if (!service) throw notFound(`service_code '${code.slice(0, 80)}' không có / not found`);
  return service;
};

/** The notice given with every request of a service: its time limit to answer. */
export const serviceNotice = (s: Pick<Service, 'limitWorkingDays' | 'kind'>) =>
  s.kind === 'inspection'
    ? 'Chuyển cơ quan thanh tra giải quyết theo Luật Khiếu nại, Luật Tố cáo / handled by the inspectorate under its own laws'
    : `Trả lời trong ${s.limitWorkingDays} ngày làm việc / answered within ${s.limitWorkingDays} working days`;

export const servicesAnswer = (services: Service[]): Answer =>
  listAnswer(
    'services',
    'service',
    services.map((s) => ({
      service_code: s.code,
      service_name: s.name,
      description: s.description || s.name,
      metadata: true,
      type: 'realtime',
      keywords: s.keywords.join(', '),
      group: s.field,
    })),
  );

export const serviceDefinitionAnswer = (s: Service): Answer => {
  const attributes = attributesOf(s.kind).map(attributeView);
  return {
    json: { service_code: s.code, attributes },
    xml: {
      root: 'service_definition',
      content: {
        service_code: s.code,
        attributes: {
          attribute: attributes.map((a) => (Array.isArray(a.values) ? { ...a, values: { value: a.values } } : a)),
        },
      },
    },
  };
};
