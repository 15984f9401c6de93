import {
  coreServices,
  createBackendModule,
  type HttpRouterService,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { IncomingMessage } from 'node:http';

type Handler = Parameters<HttpRouterService['use']>[0];

/**
 * Whether a request's body can no longer be read because its client has gone: it has a body
 * (a length or a chunked encoding) and its connection is closed. Node then destroys the
 * request, and body-parser answers "500 stream is not readable", which Backstage's error
 * handler logs as a server error although nothing failed on the server and nobody is there
 * to receive the answer.
 */
export function bodyLeftWithClient(req: IncomingMessage): boolean {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    req.headers['content-length'] !== undefined;
  return hasBody && req.socket?.destroyed === true;
}

/**
 * Ends a request whose body left with its client before the plugin reads it, with one line
 * at info level. A browser leaving a page aborts its pending calls (the permission checks of
 * the page it leaves, for one); under load they wait for their credentials to be verified,
 * which the plugin's router does before its routes read the body. Nothing else changes: a
 * request still connected, or one without a body, goes on as before.
 */
export function dropRequestsWhoseBodyLeft(logger: LoggerService): Handler {
  return (req, _res, next) => {
    if (bodyLeftWithClient(req)) {
      logger.info(
        `${req.method} ${
          req.originalUrl ?? req.url
        }: dropped, the client closed the connection before its body was read`,
      );
      return;
    }
    next();
  };
}

/**
 * Puts `dropRequestsWhoseBodyLeft` at the head of a plugin's routes: after Backstage's
 * credentials check (where such a request waits) and before the plugin's body parser.
 * A module's routes come before its plugin's, since modules initialize first.
 */
export function dropRequestsWhoseBodyLeftModule(pluginId: string) {
  return createBackendModule({
    pluginId,
    moduleId: 'drop-requests-whose-body-left',
    register(env) {
      env.registerInit({
        deps: { http: coreServices.httpRouter, logger: coreServices.logger },
        async init({ http, logger }) {
          http.use(dropRequestsWhoseBodyLeft(logger));
        },
      });
    },
  });
}
