import type { Queryable } from '../../../platform/db/pool.ts';

/** Topics (lĩnh vực phản ánh) and the agency answering each in a commune. */
export type TopicKind = 'general' | 'procedure' | 'inspection';

export type Topic = {
  id: string;
  code: string;
  name: string;
  description: string;
  field: string;
  keywords: string[];
  kind: TopicKind;
  defaultAgencyId: string;
  limitWorkingDays: number;
  open311: boolean;
  active: boolean;
  sort: number;
};

type TopicRow = {
  id: string;
  code: string;
  name: string;
  description: string;
  field: string;
  keywords: string[];
  kind: TopicKind;
  default_agency_id: string;
  limit_working_days: number;
  open311: boolean;
  active: boolean;
  sort: number;
};

const COLUMNS = 'id, code, name, description, field, keywords, kind, default_agency_id, limit_working_days, open311, active, sort';

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  field: r.field,
  keywords: r.keywords,
  kind: r.kind,
  defaultAgencyId: r.default_agency_id,
  limitWorkingDays: r.limit_working_days,
  open311: r.open311,
  active: r.active,
  sort: r.sort,
});

export const findTopicByCode = async (db: Queryable, code: string): Promise<Topic | null> => {
  const { rows } = await db.query<TopicRow>(`SELECT ${COLUMNS} FROM feedback_topics WHERE code = $1`, [code]);
  return rows[0] ? toTopic(rows[0]) : null;
};

export const findTopicById = async (db: Queryable, id: string): Promise<Topic | null> => {
  const { rows } = await db.query<TopicRow>(`SELECT ${COLUMNS} FROM feedback_topics WHERE id = $1`, [id]);
  return rows[0] ? toTopic(rows[0]) : null;
};

/** Active topics in display order (sort, then Vietnamese name order is left to the caller). */
export const listActiveTopics = async (db: Queryable): Promise<Topic[]> => {
  const { rows } = await db.query<TopicRow>(`SELECT ${COLUMNS} FROM feedback_topics WHERE active ORDER BY sort, code`);
  return rows.map(toTopic);
};

/** The agency answering a topic in a commune: the commune's route, else the topic's default agency. */
export const routedAgencyId = async (db: Queryable, topic: Pick<Topic, 'id' | 'defaultAgencyId'>, communeCode: string): Promise<string> => {
  const { rows } = await db.query<{ agency_id: string }>(
    'SELECT agency_id FROM feedback_topic_routes WHERE topic_id = $1 AND commune_code = $2',
    [topic.id, communeCode],
  );
  return rows[0]?.agency_id ?? topic.defaultAgencyId;
};
