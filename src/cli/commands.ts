import type { Command } from './main.ts';
import { serveCommand, migrateCommand } from './serve.ts';

/** Every CLI command; each module adds its own here. */
export const commands: Command[] = [serveCommand, migrateCommand];
