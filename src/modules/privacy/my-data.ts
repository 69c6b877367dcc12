import type { Queryable } from '../../platform/db/pool.ts';
import { listConsents } from './consents.ts';

/**
 * Everything the platform holds about one person (the data subject's right to see and take their
 * data): account, identity, dossiers with their history and form data, ratings, feedback reports,
 * notifications, consents, sign-in sessions, uploaded files' metadata and their privacy requests.
 * Only rows that are theirs: other people appear only as the officer's name on a dossier's history,
 * which the citizen already sees on the dossier.
 *
 * The privacy module reads the other modules' tables here on purpose (the register names them):
 * a right of access must cover every table, and a per-module hook would be easy to forget.
 */
export type MyData = NonNullable<Awaited<ReturnType<typeof collectMyData>>>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Tables added by modules that may not be installed in every deployment (checked before reading). */
const existing = async (db: Queryable, tables: string[]): Promise<Set<string>> => {
  const { rows } = await db.query<{ t: string }>('SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NOT NULL', [tables]);
  return new Set(rows.map((r) => r.t));
};

export const collectMyData = async (db: Queryable, userId: string) => {
  const user = (
    await db.query<{ id: string; username: string; full_name: string; email: string | null; phone: string | null; roles: string[]; created_at: Date; disabled_at: Date | null }>(
      'SELECT id, username::text AS username, full_name, email::text AS email, phone, roles, created_at, disabled_at FROM users WHERE id = $1',
      [userId],
    )
  ).rows[0];
  if (!user) return null;
  const optional = await existing(db, ['identity_levels', 'citizen_papers']);

  const idNumber = (await db.query<{ id_number: string; source: string; recorded_at: Date }>('SELECT id_number, source, recorded_at FROM citizen_id_numbers WHERE user_id = $1', [userId])).rows[0];
  const identities = (await db.query<{ provider: string; created_at: Date }>('SELECT provider, created_at FROM user_identities WHERE user_id = $1 ORDER BY created_at', [userId])).rows;
  const level = optional.has('identity_levels')
    ? (await db.query<{ level: number; provider: string; id_number: string | null; verified_at: Date }>('SELECT level, provider, id_number, verified_at FROM identity_levels WHERE user_id = $1', [userId])).rows[0]
    : undefined;

  const dossiers = (
    await db.query<{ id: string; code: string | null; procedure_code: string; procedure_name: string | null; state: string; channel: string; data: unknown; documents: unknown; result_files: unknown; case_id: string | null; created_at: Date; submitted_at: Date | null; done_at: Date | null }>(
      `SELECT id, code, procedure_code, procedure_name, state, channel, data, documents, result_files, case_id, created_at, submitted_at, done_at
         FROM dossiers WHERE owner_id = $1 ORDER BY created_at`,
      [userId],
    )
  ).rows;
  const caseIds = dossiers.map((d) => d.case_id).filter((c): c is string => c !== null);
  const events = (
    await db.query<{ case_id: string; at: Date; action: string; from_state: string | null; to_state: string; actor_name: string; comment: string | null }>(
      `SELECT case_id, at, action, from_state, to_state, actor_name, comment FROM workflow_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, seq`,
      [caseIds],
    )
  ).rows;
  const ratings = (await db.query<{ dossier_id: string; score: number; comment: string | null; rated_at: Date }>('SELECT dossier_id, score, comment, rated_at FROM dossier_ratings WHERE owner_id = $1', [userId])).rows;

  const reports = (
    await db.query<{ code: string; title: string; description: string; address: string; commune_code: string; lat: number; lng: number; privacy: string; contact: unknown; state: string; answer: string | null; rating: number | null; rating_comment: string | null; created_at: Date; photos: unknown }>(
      `SELECT code, title, description, address, commune_code, lat, lng, privacy, contact, state, answer, rating, rating_comment, created_at, photos
         FROM feedback_reports WHERE reporter_id = $1 ORDER BY created_at`,
      [userId],
    )
  ).rows;
  const notifications = (await db.query<{ kind: string; title: string; body: string; created_at: Date; read_at: Date | null }>('SELECT kind, title, body, created_at, read_at FROM notifications WHERE user_id = $1 ORDER BY created_at', [userId])).rows;
  const sessions = (
    await db.query<{ via: string; created_at: Date; last_seen_at: Date; expires_at: Date; revoked_at: Date | null; ip: string | null; user_agent: string | null }>(
      'SELECT via, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent FROM sessions WHERE user_id = $1 ORDER BY created_at',
      [userId],
    )
  ).rows;
  const files = (await db.query<{ id: string; original_name: string; content_type: string; size: number; created_at: Date }>('SELECT id, original_name, content_type, size, created_at FROM files WHERE owner_user_id = $1 ORDER BY created_at', [userId])).rows;
  const papers = optional.has('citizen_papers')
    ? (await db.query<{ name: string; kind: string; dossier_id: string; digitised_at: Date }>('SELECT name, kind, dossier_id, digitised_at FROM citizen_papers WHERE owner_id = $1 ORDER BY digitised_at', [userId])).rows
    : [];
  const requests = (await db.query<{ id: string; kind: string; details: string; status: string; created_at: Date; due_at: Date; resolved_at: Date | null; answer: string | null }>('SELECT id, kind, details, status, created_at, due_at, resolved_at, answer FROM privacy_requests WHERE user_id = $1 ORDER BY created_at', [userId])).rows;
  const consents = await listConsents(db, userId);

  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      username: user.username,
      fullName: user.full_name,
      email: user.email,
      phone: user.phone,
      roles: user.roles,
      createdAt: iso(user.created_at),
      disabledAt: iso(user.disabled_at),
      idNumber: idNumber ? { value: idNumber.id_number, source: idNumber.source, recordedAt: iso(idNumber.recorded_at) } : null,
      identityLevel: level ? { level: level.level, provider: level.provider, idNumber: level.id_number, verifiedAt: iso(level.verified_at) } : null,
      linkedSignIns: identities.map((i) => ({ provider: i.provider, linkedAt: iso(i.created_at) })),
    },
    dossiers: dossiers.map((d) => ({
      id: d.id,
      code: d.code,
      procedure: { code: d.procedure_code, name: d.procedure_name },
      state: d.state,
      channel: d.channel,
      createdAt: iso(d.created_at),
      submittedAt: iso(d.submitted_at),
      doneAt: iso(d.done_at),
      data: d.data,
      documents: d.documents,
      resultFiles: d.result_files,
      // The filing itself starts the case and has no event of its own (as on the dossier page).
      history: [
        ...(d.submitted_at ? [{ at: iso(d.submitted_at), action: 'submit', from: 'draft', to: null, by: null, comment: null }] : []),
        ...events
          .filter((e) => e.case_id === d.case_id)
          .map((e) => ({ at: iso(e.at), action: e.action, from: e.from_state, to: e.to_state, by: e.actor_name, comment: e.comment })),
      ],
    })),
    ratings: ratings.map((r) => ({ dossierId: r.dossier_id, score: r.score, comment: r.comment, ratedAt: iso(r.rated_at) })),
    feedbackReports: reports.map((r) => ({
      code: r.code,
      title: r.title,
      description: r.description,
      address: r.address,
      communeCode: r.commune_code,
      location: { lat: r.lat, lng: r.lng },
      privacy: r.privacy,
      contact: r.contact,
      state: r.state,
      answer: r.answer,
      rating: r.rating,
      ratingComment: r.rating_comment,
      photos: r.photos,
      createdAt: iso(r.created_at),
    })),
    notifications: notifications.map((n) => ({ kind: n.kind, title: n.title, body: n.body, createdAt: iso(n.created_at), readAt: iso(n.read_at) })),
    consents: consents.map((c) => ({ purpose: c.purpose, textVersion: c.text_version, grantedAt: iso(c.granted_at), withdrawnAt: iso(c.withdrawn_at) })),
    sessions: sessions.map((s) => ({ via: s.via, createdAt: iso(s.created_at), lastSeenAt: iso(s.last_seen_at), expiresAt: iso(s.expires_at), revokedAt: iso(s.revoked_at), ip: s.ip, userAgent: s.user_agent })),
    files: files.map((f) => ({ id: f.id, name: f.original_name, contentType: f.content_type, size: f.size, uploadedAt: iso(f.created_at) })),
    storedPapers: papers.map((p) => ({ name: p.name, kind: p.kind, dossierId: p.dossier_id, digitisedAt: iso(p.digitised_at) })),
    privacyRequests: requests.map((r) => ({ id: r.id, kind: r.kind, details: r.details, status: r.status, createdAt: iso(r.created_at), dueAt: iso(r.due_at), resolvedAt: iso(r.resolved_at), answer: r.answer })),
  };
};
