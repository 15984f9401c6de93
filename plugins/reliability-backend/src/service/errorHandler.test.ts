import { InputError } from '@backstage/errors';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { ItemsRejectedError } from '../lib/ItemsRejectedError';
import { errorHandler } from './errorHandler';

/** An app whose one route throws `error`, with Backstage's error handler behind ours. */
function appThrowing(error: unknown) {
  const app = express();
  const router = express.Router();
  router.post('/batch', () => {
    throw error;
  });
  router.use(errorHandler);
  app.use('/api/reliability', router);
  app.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return app;
}

describe('errorHandler', () => {
  it('answers a batch rejected item by item with every problem, in the error format', async () => {
    const items = [
      { index: 1, field: 'good', message: 'must be at most total' },
    ];
    const res = await request(
      appThrowing(new ItemsRejectedError(items, '1 of 2 items rejected')),
    ).post('/api/reliability/batch?x=1');
    expect(res.status).toBe(400);
    // The exact envelope clients read, in this order.
    expect(res.text).toBe(
      JSON.stringify({
        error: { name: 'InputError', message: '1 of 2 items rejected' },
        items,
        request: { method: 'POST', url: '/api/reliability/batch?x=1' },
        response: { statusCode: 400 },
      }),
    );
  });

  it("leaves other errors to Backstage's handler", async () => {
    const res = await request(appThrowing(new InputError('q: too long'))).post(
      '/api/reliability/batch',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'q: too long',
    });
    expect(res.body.items).toBeUndefined();
  });

  it('turns a lost database connection into a 503 that says to retry', async () => {
    const lost = Object.assign(new Error('Connection terminated'), {
      code: '57P01',
    });
    const res = await request(appThrowing(lost)).post('/api/reliability/batch');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/unavailable.*retry it/);
  });

  it('names the query parameter the validator found unencoded', async () => {
    const res = await request(
      appThrowing(new InputError("Parameter 'q' must be url encoded")),
    ).post('/api/reliability/batch?q=a+b');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'q: the value must be percent-encoded',
    );
  });
});
