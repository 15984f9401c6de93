import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** PostgreSQL SQLSTATE classes and codes that mean "the server went away": try again. */
const PG_RETRYABLE_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a server restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (the server is starting up)
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006',
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const NODE_RETRYABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
/** What pg and knex say when a connection is lost or none can be had. */
const RETRYABLE_MESSAGES = [
  /Connection terminated/i,
  /terminating connection/i,
  /Client was closed and is not queryable/i,
  /Client has encountered a connection error/i,
  /Knex: Timeout acquiring a connection/i,
  /the database system is (starting up|shutting down)/i,
  /server closed the connection unexpectedly/i,
];

/**
 * Whether an error from a database call means the database (or the connection to it) is
 * unavailable, as opposed to a bad query: the request did not take effect (a transaction
 * that lost its connection is rolled back) and can be retried as it is.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof e.code === 'string') {
    if (PG_RETRYABLE_CODES.has(e.code) || NODE_RETRYABLE_CODES.has(e.code)) {
      return true;
    }
  }
  if (e.name === 'KnexTimeoutError') return true;
  return (
    typeof e.message === 'string' &&
    RETRYABLE_MESSAGES.some(pattern => pattern.test(e.message as string))
  );
}

/**
 * A lost database connection made a 503 that says to retry (instead of a 500 carrying the
 * driver's message); any other error as it is.
 */
export function asDatabaseUnavailable(error: unknown): unknown {
  if (!isDatabaseUnavailableError(error)) return error;
  return new ServiceUnavailableError(
    'The reliability database is unavailable; the request did not complete, retry it (a push in add mode with the same batchId, which counts it once)',
    error,
  );
}

/** Errors that are the caller's, not the catalog being down. */
const CLIENT_ERRORS = new Set([
  'InputError',
  'NotFoundError',
  'NotAllowedError',
  'AuthenticationError',
  'ConflictError',
]);

/**
 * The catalog, with its failures to answer (connection refused, a timeout, a 5xx) turned
 * into a {@link ServiceUnavailableError} naming the catalog, so that a route needing it
 * answers a clear 503 and a scheduled task logs why it failed. A 4xx passes through.
 */
export function catalogWithUnavailableErrors(
  catalog: CatalogService,
): CatalogService {
  return new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof ResponseError && error.response.status < 500) {
            throw error;
          }
          if (
            ServiceUnavailableError.is(error) ||
            CLIENT_ERRORS.has((error as Error)?.name)
          ) {
            throw error;
          }
          throw new ServiceUnavailableError(
            `The catalog is unavailable (${
              (error as Error)?.message ?? error
            }); try again later`,
            error,
          );
        }
      };
    },
  });
}
