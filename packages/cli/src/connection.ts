// The backend connection of the commands that call it: --url and --token, or the
// environment.
import { Command, CommanderError } from 'commander';
import {
  bearerTokenFetchApi,
  ReliabilityClient,
} from '@reliability-suite/plugin-reliability-common';
import { Io } from './io';

export interface ConnectionOptions {
  url?: string;
  token?: string;
}

/**
 * A client for the backend at `--url` (or RELIABILITY_URL), authenticating with `--token`
 * (or RELIABILITY_TOKEN): a Backstage external-access token for machines.
 */
export function clientFor(
  options: ConnectionOptions,
  io: Io,
): ReliabilityClient {
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
    fetchApi: bearerTokenFetchApi(token),
  });
}

export function withConnection(command: Command): Command {
  return command
    .option('--url <url>', 'Backstage backend base URL (env RELIABILITY_URL)')
    .option(
      '--token <token>',
      'Backstage external-access token (env RELIABILITY_TOKEN)',
    );
}
