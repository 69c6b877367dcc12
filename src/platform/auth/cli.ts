import { parseArgs } from 'node:util';
import type { Command } from '../../cli/main.ts';
import { withMigratedDatabase } from '../../cli/database.ts';
import type { Db } from '../db/pool.ts';
import { AppError } from '../http/problems.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';
import { isRole, ROLES, type Role } from './scopes.ts';
import type { Principal } from './sessions.ts';
import { scopesOf } from './scopes.ts';
import { resetTotp } from './totp-reset.ts';
import { base32Decode, totpCode } from './totp.ts';
import { accountsWithDemoSecret, DEMO_TOTP_SECRET, totpKeyOf } from './totp-secrets.ts';

const CLI_ACTOR = { id: null, name: 'cli' };

/** A use-case error (bad role, unknown agency, taken username) as a message and exit code 1. */
const reportErrors = async (work: () => Promise<number>): Promise<number> => {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fields = error.extra.errors?.map((e) => `  - ${e.field}: ${e.message}`) ?? [];
    console.error([`Lỗi / error: ${error.detail ?? error.message}`, ...fields].join('\n'));
    return 1;
  }
};

const agencyIdOf = async (db: Db, code: string | undefined) => {
  if (code === undefined) return null;
  const { rows } = await db.query<{ id: string }>('SELECT id FROM agencies WHERE code = $1', [code]);
  if (!rows[0]) throw new AppError('validation-failed', `Không có cơ quan mã "${code}" / no agency with code ${code}`);
  return rows[0].id;
};

const usersCreate: Command = {
  name: 'users create',
  summary: 'Tạo tài khoản người dùng / create a user account',
  usage: [
    'tinhso users create --username U --name "Họ Tên" --role officer [--role ...] [--agency CODE]',
    '                    [--email E] [--phone P] [--password P]',
    '',
    'The password may come from the environment variable TINHSO_NEW_PASSWORD instead of --password,',
    'which keeps it out of the shell history. Roles: ' + ROLES.join(', ') + '.',
    'Prints the new user id. Applies pending migrations first.',
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({
      args,
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        agency: { type: 'string' },
        email: { type: 'string' },
        phone: { type: 'string' },
      },
      strict: true,
    });
    const password = values.password ?? process.env.TINHSO_NEW_PASSWORD;
    const roles = values.role ?? [];
    const missing = [!values.username && '--username', !values.name && '--name', roles.length === 0 && '--role', !password && '--password (or TINHSO_NEW_PASSWORD)'].filter(Boolean);
    if (missing.length > 0) {
      console.error(`Thiếu / missing: ${missing.join(', ')}\n\n${usersCreate.usage}`);
      return 2;
    }
    const unknown = roles.filter((r) => !isRole(r));
    if (unknown.length > 0) {
      console.error(`Vai trò không tồn tại / unknown role: ${unknown.join(', ')} (roles: ${ROLES.join(', ')})`);
      return 2;
    }
    return withMigratedDatabase((db) =>
      reportErrors(async () => {
        const user = await createUser(
          db,
          {
            username: values.username!,
            fullName: values.name!,
            password: password!,
            roles: [...new Set(roles as Role[])],
            agencyId: await agencyIdOf(db, values.agency),
            email: values.email,
            phone: values.phone,
          },
          CLI_ACTOR,
        );
        console.log(user.id);
        return 0;
      }),
    );
  },
};

/** The CLI reads as an administrator would: every account. */
const cliPrincipal: Principal = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'cli',
  fullName: 'CLI',
  roles: ['admin'],
  scopes: scopesOf(['admin']),
  agencyId: null,
  partyOrgId: null,
  sessionId: '',
  csrfToken: '',
  isDemo: false,
};

const usersList: Command = {
  name: 'users list',
  summary: 'Liệt kê tài khoản người dùng / list user accounts',
  usage: 'tinhso users list [--role ROLE] [--search TEXT] [--limit N]\n\nOne line per user: id, username, roles, disabled flag, full name.',
  run: async (args) => {
    const { values } = parseArgs({
      args,
      options: { role: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string', default: '100' } },
      strict: true,
    });
    if (values.role !== undefined && !isRole(values.role)) {
      console.error(`Vai trò không tồn tại / unknown role: ${values.role}`);
      return 2;
    }
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      console.error('--limit: 1–100');
      return 2;
    }
    return withMigratedDatabase(async (db) => {
      const page = await listUsers(db, cliPrincipal, { role: values.role as Role | undefined, q: values.search, page: 1, pageSize: limit });
      for (const u of page.items) {
        console.log([u.id, u.username.padEnd(20), u.roles.join(',').padEnd(18), u.disabled ? 'disabled' : 'active  ', u.fullName].join('  '));
      }
      console.error(`${page.items.length} / ${page.total}`);
      return 0;
    });
  },
};

const usersTotpReset: Command = {
  name: 'users totp-reset',
  summary: 'Đặt lại xác thực hai lớp / reset two-factor enrolment',
  usage: [
    'tinhso users totp-reset --username U [--username ...]',
    'tinhso users totp-reset --demo-secret',
    '',
    'Clears the TOTP secret and recovery codes of the named accounts (or of every account still using',
    `the demo secret ${DEMO_TOTP_SECRET}) and revokes their sessions; they enrol again at their next login.`,
  ].join('\n'),
  run: async (args) => {
    const { values } = parseArgs({ args, options: { username: { type: 'string', multiple: true }, 'demo-secret': { type: 'boolean' } }, strict: true });
    if (!values.username?.length && !values['demo-secret']) {
      console.error(`Thiếu / missing: --username or --demo-secret\n\n${usersTotpReset.usage}`);
      return 2;
    }
    return withMigratedDatabase((db, config) =>
      reportErrors(async () => {
        const names = values['demo-secret'] ? await accountsWithDemoSecret(db, totpKeyOf(config)) : values.username!;
        for (const name of names) {
          const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [name]);
          if (!rows[0]) throw new AppError('not-found', `Không có người dùng "${name}" / no user ${name}`);
          await resetTotp(db, rows[0].id, CLI_ACTOR);
          console.log(name);
        }
        console.error(`${names.length} tài khoản / accounts reset`);
        return 0;
      }),
    );
  },
};

const totpCodeCommand: Command = {
  name: 'totp code',
  summary: 'In mã TOTP hiện tại của một khóa / print the current code of a TOTP secret',
  usage: `tinhso totp code SECRET\n\nPrints the six-digit code of a base32 TOTP secret now (RFC 6238, 30 s), e.g. the demo officials' ${DEMO_TOTP_SECRET}.`,
  run: async (args) => {
    const secret = args[0];
    if (!secret || args.length > 1 || !base32Decode(secret)?.length) {
      console.error(`Cần đúng một khóa base32 / one base32 secret expected\n\n${totpCodeCommand.usage}`);
      return 2;
    }
    console.log(totpCode(secret));
    return 0;
  },
};

export const authCommands: Command[] = [usersCreate, usersList, usersTotpReset, totpCodeCommand];
