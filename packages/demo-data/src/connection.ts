// The clients the seeder talks through: the suite's ReliabilityClient and Backstage's
// CatalogClient for a backend origin and a bearer token (the demo's external-access token,
// or the guest's user token), and the guest sign-in.
import { CatalogClient } from '@backstage/catalog-client';
import { ResponseError } from '@backstage/errors';
import {
  bearerTokenFetchApi,
  ReliabilityClient,
} from '@reliability-suite/plugin-reliability-common';

/** Backstage's discovery for a single backend: every plugin under `<origin>/api/`. */
const discoveryFor = (origin: string) => ({
  getBaseUrl: async (pluginId: string) => `${origin}/api/${pluginId}`,
});

/** A ReliabilityClient authenticating every request with `token`. */
export function reliabilityClient(
  origin: string,
  token: string,
): ReliabilityClient {
  return new ReliabilityClient({
    discoveryApi: discoveryFor(origin),
    fetchApi: bearerTokenFetchApi(token),
  });
}

/** A catalog client; each call passes its token. */
export function catalogClient(origin: string): CatalogClient {
  return new CatalogClient({ discoveryApi: discoveryFor(origin) });
}

/** The teams the guest must be in (examples/org.yaml) for the reviews to be allowed. */
const GUEST_TEAMS = [
  'group:default/team-checkout',
  'group:default/team-search',
];

interface GuestRefresh {
  backstageIdentity?: {
    token?: string;
    identity?: { ownershipEntityRefs?: string[] };
  };
}

/**
 * Signs in as the demo's guest (the guest provider, as the app's Enter button does) and
 * answers its user token. Reviews need a user: the demo permission policy refuses service
 * principals. Until the catalog has read examples/org.yaml the guest owns nothing but
 * itself and the reviews would be refused, so this throws while it is not in its teams.
 */
export async function guestToken(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const body: GuestRefresh = await res.json().catch(() => ({}));
  const userToken = body?.backstageIdentity?.token;
  if (!res.ok || !userToken) {
    throw new Error(
      `guest sign-in failed with ${res.status}: ${JSON.stringify(body)}`,
    );
  }
  const refs = body.backstageIdentity?.identity?.ownershipEntityRefs ?? [];
  const missing = GUEST_TEAMS.filter(t => !refs.includes(t));
  if (missing.length) {
    throw new Error(
      `the guest is not (yet) a member of ${missing.join(', ')} (it holds ${
        refs.join(', ') || 'nothing'
      })`,
    );
  }
  return userToken;
}

/**
 * An error as one log line: for a refused request the URL, the status and the backend's
 * message (what the old script's "POST /path answered 403: …" said).
 */
export function describeError(e: unknown): string {
  if (ResponseError.is(e)) {
    return `${e.response.url} answered ${e.statusCode}: ${
      e.body?.error?.message ?? e.message
    }`;
  }
  return e instanceof Error ? e.message : String(e);
}
