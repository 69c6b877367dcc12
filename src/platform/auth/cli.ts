import type { Command } from '../../cli/main.ts';

// Placeholder: filled in by the work on this area.
export const authCommands: Command[] = [];
