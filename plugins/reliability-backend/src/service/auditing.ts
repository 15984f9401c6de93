import type { AuditorService } from '@backstage/backend-plugin-api';
import type { RequestHandler, Response } from 'express';
import { mutationOperations } from './routeAccess';

/** Where `errorHandler` leaves a failed request's error for the auditor's event. */
const FAILURE = Symbol('reliability.failure');

/** Keeps a request's error for its auditor event (called by the error middleware). */
export function rememberFailure(res: Response, error: unknown) {
  (res.locals as Record<symbol, unknown>)[FAILURE] = error;
}

/**
 * Every mutation of the API recorded to Backstage's auditor (besides the suite's own audit
 * trail, which records what changed): the caller (the auditor reads it from the request's
 * credentials), the action (`ROUTE_ACCESS`'s `auditEvent`, with the operation id and the
 * path) and the outcome, once the answer is sent — a refusal (403, 404, 400) or an error is a
 * failure with its error, anything else a success with its status.
 *
 * Mounted after Backstage's auth middleware, so the request's credentials are known: an
 * unauthenticated request never gets here (401), as for every other route.
 */
export function auditMutations(auditor: AuditorService): RequestHandler {
  const mutations = mutationOperations();
  return async (req, res, next) => {
    const mutation = mutations.find(
      m => m.method === req.method && m.pattern.test(req.path),
    );
    if (!mutation) {
      next();
      return;
    }
    try {
      const event = await auditor.createEvent({
        eventId: mutation.access.auditEvent,
        severityLevel: 'medium',
        request: req,
        meta: { operation: mutation.operationId, path: req.path },
      });
      res.once('finish', () => {
        const status = res.statusCode;
        const failure = (res.locals as Record<symbol, unknown>)[FAILURE];
        // The answer is sent: a failing auditor can only be logged by itself.
        (async () =>
          status < 400
            ? event.success({ meta: { status } })
            : event.fail({
                meta: { status },
                error: asError(failure, status),
              }))().catch(() => {});
      });
      next();
    } catch (error) {
      next(error);
    }
  };
}

function asError(error: unknown, status: number): Error {
  if (error instanceof Error) return error;
  return new Error(`Request failed with status ${status}`);
}
