import type { ErrorRequestHandler } from 'express';
import { rememberFailure } from './auditing';
import { ItemsRejectedError } from '../lib/ItemsRejectedError';
import { withReservedCharacterMessage } from './reservedCharacters';
import { asDatabaseUnavailable } from './unavailable';

/**
 * The router's one error middleware. It words two errors for the caller — the validator's
 * refusal of an unencoded query value (naming the parameter and how to send it) and a lost
 * database connection (a 503 that says to retry) — and answers a batch rejected item by
 * item as a 400 in Backstage's error format with every problem as `items`. Everything else
 * goes on to Backstage's error handler, which renders it the same way without `items`.
 */
export const errorHandler: ErrorRequestHandler = (error, req, res, next) => {
  const worded = asDatabaseUnavailable(
    withReservedCharacterMessage(error, req.originalUrl),
  );
  rememberFailure(res, worded);
  if (!(worded instanceof ItemsRejectedError) || res.headersSent) {
    next(worded);
    return;
  }
  res.status(400).json({
    error: { name: worded.name, message: worded.message },
    items: worded.items,
    // Backstage's error format, so ResponseError.fromResponse reads the message.
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 400 },
  });
};
