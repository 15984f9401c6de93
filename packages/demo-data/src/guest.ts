// Seeding steps made as a user: each runs with a fresh guest sign-in and is retried, since
// right after start the catalog may not have read the demo's teams yet and the backend may
// still be evaluating.
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { describeError, guestToken, reliabilityClient } from './connection';
import { logError, sleep } from './log';

/** What a guest step gets: the guest's ReliabilityClient and token (for the catalog, CLI). */
export interface Guest {
  client: ReliabilityApi;
  token: string;
}

export interface GuestRetries {
  attempts: number;
  delay: number;
}

/** 12 attempts, 15 s apart: about three minutes for the catalog to read examples/org.yaml. */
export const GUEST_RETRIES: GuestRetries = { attempts: 12, delay: 15_000 };

/**
 * Runs `fn` as the guest until it succeeds, logging each failure with the attempt; gives
 * up (answering undefined) after the last attempt. Never throws.
 */
export async function withGuestRetries<T>(
  origin: string,
  what: string,
  fn: (guest: Guest) => Promise<T>,
  { attempts, delay }: GuestRetries = GUEST_RETRIES,
): Promise<T | undefined> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const token = await guestToken(origin);
      return await fn({ client: reliabilityClient(origin, token), token });
    } catch (e) {
      logError(
        `${what}, attempt ${attempt}/${attempts}: ${describeError(e)}${
          attempt < attempts ? `; again in ${delay / 1000} s` : '; giving up'
        }`,
      );
      if (attempt < attempts) await sleep(delay);
    }
  }
  return undefined;
}
