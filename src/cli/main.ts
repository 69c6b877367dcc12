import { commands } from './commands.ts';

export type Command = {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[]) => Promise<number>;
};

const helpText = () =>
  [
    'tinhso — nền tảng chính quyền số / digital-government platform',
    '',
    'Cách dùng / usage: tinhso <lệnh> [tuỳ chọn]   (tinhso <lệnh> --help for details)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`),
  ].join('\n');

/** Finds the longest command name matching the first words (`seed demo`, `audit verify`). */
const findCommand = (argv: string[]): { command: Command; rest: string[] } | undefined => {
  for (let words = Math.min(2, argv.length); words > 0; words -= 1) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
};

export const main = async (argv: string[]): Promise<number> => {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(helpText());
    return argv.length === 0 ? 1 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0) console.error(`Lệnh con / subcommands of ${argv[0]}:\n${group.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`).join('\n')}`);
    else console.error(`Không có lệnh "${argv.join(' ')}" / unknown command.\n\n${helpText()}`);
    return 2;
  }
  if (found.rest.includes('--help') || found.rest.includes('-h')) {
    console.log(`${found.command.summary}\n\n${found.command.usage}`);
    return 0;
  }
  try {
    return await found.command.run(found.rest);
  } catch (error) {
    console.error(`Lỗi / error: ${(error as Error).message}`);
    return 1;
  }
};
