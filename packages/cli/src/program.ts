import { ResponseError } from '@backstage/errors';
import { Command, CommanderError } from 'commander';
import { Io, REPORTED, defaultIo } from './io';
import { registerBackendCommands } from './register/backend';
import { registerDocumentCommands } from './register/documents';
import { registerGate } from './register/gate';
import { registerGenerate } from './register/generate';
import { registerPostmortems } from './register/postmortems';
import { registerSloHistory } from './register/sloHistory';
// Inlined by the build, so dist/ prints the version it was built from.
import packageJson from '../package.json';

export function createProgram(io: Io = defaultIo): Command {
  const program = new Command('reliability')
    .description(
      'The Reliability Suite command line: SLOs, error budgets and deploy gates',
    )
    .version(packageJson.version, '-V, --version', 'print the version and exit')
    .exitOverride()
    .configureOutput({
      writeOut: s => io.out(s.trimEnd()),
      writeErr: s => io.err(s.trimEnd()),
    });

  // In the order of the help's list of commands.
  registerDocumentCommands(program, io);
  registerBackendCommands(program, io);
  registerGate(program, io);
  registerPostmortems(program, io);
  registerSloHistory(program, io);
  registerGenerate(program, io);

  return program;
}

/**
 * Runs the command line; resolves to the process exit code. Errors are printed as one line
 * that names what to fix, never as a stack trace.
 */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit through here with code 0 and have already printed.
      if (
        e.exitCode !== 0 &&
        !e.code.startsWith('commander.') &&
        e.code !== REPORTED
      ) {
        io.err(`error: ${e.message}`);
      }
      return e.exitCode;
    }
    if (e instanceof ResponseError) {
      // The backend's own message says what was wrong with the request.
      io.err(
        `error: ${e.statusCode} ${e.body.error.name}: ${e.body.error.message}`,
      );
      const items = (e.body as { items?: Array<Record<string, unknown>> })
        .items;
      for (const item of items?.slice(0, 20) ?? []) {
        io.err(`  items[${item.index}].${item.field}: ${item.message}`);
      }
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
