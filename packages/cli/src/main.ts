import { InsituError } from '@insitu/core';

/** A CLI command: parses its own arguments, returns the process exit code. */
export type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { describe: string; load: () => Promise<Command> }> = {
  build: {
    describe: 'train the shop model from logs and write the artifact',
    load: async () => (await import('./commands/build.ts')).build,
  },
  eval: {
    describe: 'leave-one-out evaluation against baselines',
    load: async () => (await import('./commands/eval.ts')).evaluate,
  },
  profile: {
    describe: 'print the on-device profile for a stream of tracked events',
    load: async () => (await import('./commands/profile.ts')).profile,
  },
};

const usage = () =>
  'usage: insitu <command> [options]\n\n' +
  Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.describe}`)
    .join('\n') +
  '\n\nRun `insitu <command> --help` for its options.';

/** Entry point of the `insitu` binary; never throws, returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    console.error(usage());
    return name === undefined || name === '--help' ? 0 : 2;
  }
  try {
    return await (
      await command.load()
    )(rest);
  } catch (error) {
    if (error instanceof InsituError) {
      console.error(`insitu ${name}: ${error.message}${error.field ? ` (${error.field})` : ''}`);
      return 1;
    }
    throw error;
  }
}
