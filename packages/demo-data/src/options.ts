// The command line of the seeder, unchanged from scripts/demo-data.mjs:
//   demo-data [--url http://localhost:7007] [--days 35] [--once]
// and the token from RELIABILITY_DEMO_TOKEN (scripts/start.sh makes one per run).

export interface SeedOptions {
  /** The Backstage backend's origin, e.g. http://localhost:7007. */
  origin: string;
  /** Days of per-minute data to back-fill. */
  days: number;
  /** Back-fill and seed, then exit, instead of streaming live data. */
  once: boolean;
  /** The static external-access token app-config.yaml declares for the demo. */
  token: string;
}

/** The options, or the message to exit with (code 2) when the token is missing. */
export function parseOptions(
  args: string[],
  env: Record<string, string | undefined>,
): SeedOptions | { error: string } {
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const token = env.RELIABILITY_DEMO_TOKEN;
  if (!token) return { error: 'RELIABILITY_DEMO_TOKEN is not set' };
  return {
    origin: arg('url', 'http://localhost:7007'),
    days: Number(arg('days', '35')),
    once: args.includes('--once'),
    token,
  };
}
