import { maskEmail, maskPhone } from '../../modules/privacy/masking.ts';
import type { Queryable } from '../db/pool.ts';
import { notFound } from '../http/problems.ts';
import { hasScope } from './access.ts';
import type { Principal } from './sessions.ts';
import type { ListUsersQuery } from './users-schema.ts';
import { toUserView, USER_COLUMNS, type UserRow, type UserView } from './user-store.ts';

/**
 * Who may see which users: administrators (`users.write`) every account; leaders holding only
 * `users.read` the accounts of their own agency (none when they belong to no agency).
 * Returns a SQL condition on `users` and its parameter, numbered from `next`.
 */
const visibleTo = (principal: Principal, next: number): { sql: string; params: unknown[] } =>
  hasScope(principal, 'users.write') ? { sql: 'true', params: [] } : { sql: `agency_id = $${next}`, params: [principal.agencyId] };

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const listUsers = async (db: Queryable, principal: Principal, query: ListUsersQuery) => {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  const scope = visibleTo(principal, params.length + 1);
  where.push(scope.sql);
  params.push(...scope.params);
  if (query.role) add((n) => `$${n} = ANY(roles)`, query.role);
  if (query.agencyId) add((n) => `agency_id = $${n}`, query.agencyId);
  if (query.q) add((n) => `(fold_vi(full_name) LIKE fold_vi($${n}) OR username LIKE $${n})`, likePattern(query.q));

  const condition = where.join(' AND ');
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE ${condition}`, params);
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ${condition}
      ORDER BY fold_vi(full_name), full_name, id
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  );
  // A list shows contacts masked (modules/privacy/masking.ts); the full values are on GET /api/users/{id}.
  const items = rows.map(toUserView).map((u) => ({ ...u, phone: maskPhone(u.phone), email: maskEmail(u.email) }));
  return { items, total: total.rows[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
};

/** One user the caller may see; another agency's user answers 404, as if it did not exist. */
export const getUser = async (db: Queryable, principal: Principal, id: string): Promise<UserView> => {
  const scope = visibleTo(principal, 2);
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND ${scope.sql}`, [id, ...scope.params]);
  const row = rows[0];
  if (!row) throw notFound('Không tìm thấy người dùng');
  return toUserView(row);
};
