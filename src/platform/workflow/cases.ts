import { recordAudit } from '../audit/index.ts';
import { isUuid, uuidv7 } from '../db/ids.ts';
import { type DbClient, deferWrite, preparedStatement, type Queryable } from '../db/pool.ts';
import { loadDefinition } from './definitions-store.ts';
import { WorkflowError } from './errors.ts';
import { CASE_COLUMNS, type CaseRow, caseFromRow, EVENT_COLUMNS, type EventRow, eventFromRow } from './rows.ts';
import type { CaseRecord, CaseWithHistory, WorkflowActor } from './types.ts';

export type Subject = { type: string; id: string };

export type StartCaseOptions = {
  definitionKey: string;
  subject: Subject;
  actor: WorkflowActor;
  at?: Date;
  requestId?: string;
  /**
   * The subject is new in this transaction (or locked by it) and cannot have a case yet: the case
   * is written with the transaction's next statement (`deferWrite`), and should the subject have
   * one after all, the unique (subject_type, subject_id) fails the transaction.
   */
  subjectIsNew?: boolean;
};

export const caseNotFound = () => new WorkflowError('not-found', 'Không tìm thấy hồ sơ xử lý');

const INSERT_CASE = `INSERT INTO workflow_cases (id, definition_key, definition_version, subject_type, subject_id, state, seq, state_entered_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, $7)`;
const INSERT_NEW_CASE = preparedStatement('workflow.insert-new-case', INSERT_CASE);
const INSERT_CASE_ONCE = preparedStatement('workflow.insert-case-once', `${INSERT_CASE} ON CONFLICT (subject_type, subject_id) DO NOTHING RETURNING ${CASE_COLUMNS}`);

/**
 * Opens a case for a subject (a dossier, a report…) on the latest registered version of the
 * definition, in its initial state, with no event yet. One case per subject. Call it inside the
 * transaction that creates or files the subject; it is audited there (`workflow.start`).
 */
export const startCase = async (tx: DbClient, o: StartCaseOptions): Promise<CaseRecord> => {
  const def = await loadDefinition(tx, o.definitionKey);
  const at = o.at ?? new Date();
  const values = [uuidv7(), def.key, def.version, o.subject.type, o.subject.id, def.initial, at];
  let record: CaseRecord;
  if (o.subjectIsNew) {
    await deferWrite(tx, INSERT_NEW_CASE(values));
    record = caseFromRow({ id: values[0] as string, definition_key: def.key, definition_version: def.version, subject_type: o.subject.type,
      subject_id: o.subject.id, state: def.initial, seq: 0, state_entered_at: at, created_at: at, updated_at: at });
  } else {
    // The unique (subject_type, subject_id) answers whether the subject already has a case.
    const { rows } = await tx.query<CaseRow>(INSERT_CASE_ONCE(values));
    if (!rows[0]) throw new WorkflowError('conflict', 'Đối tượng này đã có quy trình xử lý');
    record = caseFromRow(rows[0]);
  }
  await recordAudit(tx, {
    actor: { id: o.actor.id, name: o.actor.name },
    action: 'workflow.start',
    target: o.subject,
    after: { caseId: record.id, definition: `${def.key}@${def.version}`, state: record.state },
    requestId: o.requestId,
  });
  return record;
};

/** The case of a subject, or null when it has none (e.g. a dossier still a draft). */
export const findCaseBySubject = async (db: Queryable, subject: Subject): Promise<CaseRecord | null> => {
  if (!isUuid(subject.id)) return null;
  const { rows } = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM workflow_cases WHERE subject_type = $1 AND subject_id = $2`, [
    subject.type,
    subject.id,
  ]);
  return rows[0] ? caseFromRow(rows[0]) : null;
};

const CASE_BY_ID = preparedStatement('workflow.case-by-id', `SELECT ${CASE_COLUMNS} FROM workflow_cases WHERE id = $1`);
const EVENTS_OF_CASE = preparedStatement('workflow.events-of-case', `SELECT ${EVENT_COLUMNS} FROM workflow_events WHERE case_id = $1 ORDER BY seq`);

/** A case with its events (by seq) and the definition version it runs on; WorkflowError 'not-found' otherwise. */
export const getCase = async (db: Queryable, caseId: string): Promise<CaseWithHistory> => {
  if (!isUuid(caseId)) throw caseNotFound();
  const found = await db.query<CaseRow>(CASE_BY_ID([caseId]));
  if (!found.rows[0]) throw caseNotFound();
  const record = caseFromRow(found.rows[0]);
  // One after the other: a transaction's client runs one query at a time.
  const events = await db.query<EventRow>(EVENTS_OF_CASE([caseId]));
  const definition = await loadDefinition(db, record.definitionKey, record.definitionVersion);
  return { ...record, events: events.rows.map(eventFromRow), definition };
};
