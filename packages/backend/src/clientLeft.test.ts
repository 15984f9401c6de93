import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Server } from 'node:http';
import { dropRequestsWhoseBodyLeft } from './clientLeft';

/** A logger that records what was logged at which level and says when anything was. */
function recordingLogger() {
  const lines: Array<{ level: string; message: string }> = [];
  let notify: () => void = () => {};
  const logged = () =>
    new Promise<void>(resolve => {
      notify = resolve;
    });
  const log =
    (level: string) =>
    (message: string): void => {
      lines.push({ level, message });
      notify();
    };
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return { logger, lines, logged };
}

/**
 * A plugin router as Backstage builds it: a step that waits (the credentials check), the
 * plugin's routes (express.json() first, as the permission backend's), and Backstage's error
 * handler. Here the waiting step lasts until the client has gone, so the order the browser
 * produces by chance under load happens every time.
 */
async function serve(options: { drop: boolean }) {
  const { logger, lines, logged } = recordingLogger();
  const app = express();
  app.use((req, _res, next) => {
    if (req.headers['x-leave'] !== 'yes' || req.socket.destroyed) next();
    else req.socket.once('close', () => next());
  });
  if (options.drop) app.use(dropRequestsWhoseBodyLeft(logger));
  app.use(express.json());
  app.post('/authorize', (req, res) => {
    res.json({ received: req.body });
  });
  app.use(
    MiddlewareFactory.create({ config: new ConfigReader({}), logger }).error(),
  );
  const server: Server = await new Promise(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return { server, port, lines, logged };
}

const body = JSON.stringify({ items: [] });

/** Sends a whole request and closes the connection without waiting for the answer. */
function sendAndLeave(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end(
        `POST /authorize HTTP/1.1\r\nHost: localhost\r\nX-Leave: yes\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        () => {
          socket.destroy();
          resolve();
        },
      );
    });
    socket.on('error', reject);
  });
}

describe('a request whose client left before its body was read', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>(resolve => server?.close(() => resolve())));

  it("is logged by Backstage's error handler as a server error without the guard (why it exists)", async () => {
    const portal = await serve({ drop: false });
    server = portal.server;
    const logged = portal.logged();
    await sendAndLeave(portal.port);
    await logged;
    expect(portal.lines).toEqual([
      { level: 'error', message: 'Request failed with status 500' },
    ]);
  });

  it('is dropped with one line at info level, naming the request, with the guard', async () => {
    const portal = await serve({ drop: true });
    server = portal.server;
    const logged = portal.logged();
    await sendAndLeave(portal.port);
    await logged;
    expect(portal.lines).toEqual([
      {
        level: 'info',
        message:
          'POST /authorize: dropped, the client closed the connection before its body was read',
      },
    ]);
  });

  it('leaves a request whose client stays alone: its body is read and answered', async () => {
    const portal = await serve({ drop: true });
    server = portal.server;
    const response = await fetch(`http://127.0.0.1:${portal.port}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: { items: [] } });
    expect(portal.lines).toEqual([]);
  });
});
