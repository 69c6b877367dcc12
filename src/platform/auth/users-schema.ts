import { z } from 'zod';
import { normalizeEmail, normalizePhone, USERNAME, USERNAME_MESSAGE } from './contact.ts';
import { PASSWORD } from './schema.ts';
import { ROLES, type Role } from './scopes.ts';
import { UserView } from './user-store.ts';

/** Roles whose work belongs to an agency: a user holding one must be attached to an agency. */
export const STAFF_ROLES: readonly Role[] = ['officer', 'agency_leader', 'province_leader'];

const RoleList = z
  .array(z.enum(ROLES, { message: `Vai trò không tồn tại; các vai trò: ${ROLES.join(', ')}` }))
  .min(1, 'Cần ít nhất một vai trò')
  .max(ROLES.length)
  .transform((roles) => [...new Set(roles)]);

const Phone = z.string().max(30).refine((v) => normalizePhone(v) !== undefined, 'Số điện thoại di động không hợp lệ');
const Email = z.string().max(254).refine((v) => normalizeEmail(v) !== undefined, 'E-mail không hợp lệ');

export const ListUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  agencyId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Tìm theo họ tên hoặc tên đăng nhập, không phân biệt dấu'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const UserPage = z.object({
  items: z.array(UserView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const CreateUserBody = z.object({
  username: z.string().regex(USERNAME, USERNAME_MESSAGE),
  fullName: z.string().trim().min(2, 'Nhập họ và tên').max(150),
  password: PASSWORD,
  roles: RoleList,
  agencyId: z.uuid().nullable().optional(),
  partyOrgId: z.uuid().nullable().optional(),
  email: Email.optional(),
  phone: Phone.optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z
  .object({
    fullName: z.string().trim().min(2, 'Nhập họ và tên').max(150).optional(),
    roles: RoleList.optional(),
    agencyId: z.uuid().nullable().optional(),
    partyOrgId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
    email: Email.nullable().optional().describe('Tài khoản cán bộ; null xóa'),
    phone: Phone.nullable().optional().describe('Tài khoản cán bộ; null xóa'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Không có gì để thay đổi', path: ['body'] });
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserIdParams = z.object({ id: z.uuid() });
