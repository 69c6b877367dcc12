import { generateCommand } from '../generate/cli.ts';
import { orgCommands } from '../modules/org/cli.ts';
import { procedureCommands } from '../modules/services/procedures/cli.ts';
import { auditCommands } from '../platform/audit/cli.ts';
import { backupCommands } from '../platform/backup/cli.ts';
import { authCommands } from '../platform/auth/cli.ts';
import { calendarCommands } from '../platform/calendar/cli.ts';
import type { Command } from './main.ts';
import { migrateCommand, serveCommand } from './serve.ts';

/** Every CLI command; each area lists its own in its `cli.ts`. */
export const commands: Command[] = [serveCommand, migrateCommand, ...authCommands, ...orgCommands, ...procedureCommands, ...auditCommands, ...backupCommands, ...calendarCommands, generateCommand];
