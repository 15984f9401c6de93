import { ResponseError } from '@backstage/errors';
import { Command, CommanderError } from 'commander';
import {
  ReliabilityClient,
  parseFullEntityRef,
} from '@reliability-suite/plugin-reliability-common';

/** Where output goes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const defaultIo: Io = {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
  env: process.env,
};

interface ConnectionOptions {
  url?: string;
  token?: string;
}

/**
 * A client for the backend at `--url` (or RELIABILITY_URL), authenticating with `--token`
 * (or RELIABILITY_TOKEN): a Backstage external-access token for machines.
 */
function clientFor(options: ConnectionOptions, io: Io): ReliabilityClient {
  const url = options.url ?? io.env.RELIABILITY_URL;
  if (!url) {
    throw new CommanderError(
      2,
      'reliability.url',
      '--url: the Backstage backend URL is required (or set RELIABILITY_URL), e.g. http://localhost:7007',
    );
  }
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CommanderError(
      2,
      'reliability.url',
      `--url: '${url}' is not a URL`,
    );
  }
  const token = options.token ?? io.env.RELIABILITY_TOKEN;
  const pluginUrl = `${base.origin}${base.pathname.replace(
    /\/$/,
    '',
  )}/api/reliability`;
  return new ReliabilityClient({
    discoveryApi: { getBaseUrl: async () => pluginUrl },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: {
            ...(init?.headers as Record<string, string> | undefined),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
        }),
    },
  });
}

function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'Backstage backend base URL (env RELIABILITY_URL)')
    .option(
      '--token <token>',
      'Backstage external-access token (env RELIABILITY_TOKEN)',
    );
}

export function createProgram(io: Io = defaultIo): Command {
  const program = new Command('reliability')
    .description(
      'The Reliability Suite command line: SLOs, error budgets and deploy gates',
    )
    .exitOverride()
    .configureOutput({
      writeOut: s => io.out(s.trimEnd()),
      writeErr: s => io.err(s.trimEnd()),
    });

  withConnection(
    program
      .command('summary')
      .description("Print an entity's reliability summary as JSON")
      .argument('<entityRef>', 'full entity reference, kind:namespace/name'),
  ).action(async (entityRef: string, options: ConnectionOptions) => {
    const ref = parseFullEntityRef(entityRef, 'entityRef');
    const summary = await clientFor(options, io).getEntitySummary(ref);
    io.out(JSON.stringify(summary, null, 2));
  });

  withConnection(
    program
      .command('audit')
      .description('Print the audit trail, newest first, as JSON')
      .option('--entity <entityRef>', 'only events about this entity')
      .option('--limit <n>', 'how many events (1-500)', '50'),
  ).action(
    async (options: ConnectionOptions & { entity?: string; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new CommanderError(
          2,
          'reliability.limit',
          `--limit: must be a whole number from 1 to 500; got '${options.limit}'`,
        );
      }
      if (options.entity) parseFullEntityRef(options.entity, '--entity');
      const page = await clientFor(options, io).listAuditEvents({
        entityRef: options.entity,
        limit,
      });
      io.out(JSON.stringify(page, null, 2));
    },
  );

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
      if (e.exitCode !== 0 && !e.code.startsWith('commander.')) {
        io.err(`error: ${e.message}`);
      }
      return e.exitCode;
    }
    if (e instanceof ResponseError) {
      // The backend's own message says what was wrong with the request.
      io.err(
        `error: ${e.statusCode} ${e.body.error.name}: ${e.body.error.message}`,
      );
      return 1;
    }
    io.err(`error: ${(e as Error).message}`);
    return 1;
  }
}
