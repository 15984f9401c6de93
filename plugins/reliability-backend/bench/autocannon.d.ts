/**
 * The part of autocannon (which ships no types) that the load run uses. See
 * https://github.com/mcollina/autocannon#api.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Request {
      method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each send with this request (a copy) and the connection's context. */
      setupRequest?: (
        request: Request,
        context: Record<string, unknown>,
      ) => Request;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
      ) => void;
      /** Not autocannon's: carried along on the request object, read back on a response. */
      kind?: string;
    }

    interface Options {
      url: string;
      connections?: number;
      pipelining?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds before a request counts as timed out. */
      timeout?: number;
      headers?: Record<string, string>;
      requests?: Request[];
    }

    interface Result {
      errors: number;
      timeouts: number;
      non2xx: number;
      resets: number;
      duration: number;
    }

    /** The connection a response came on; `requestIterator.currentRequest` is what it answered. */
    interface Client {
      requestIterator: { currentRequest: Request };
    }

    interface Instance extends EventEmitter {
      stop(): void;
      on(
        event: 'response',
        listener: (
          client: Client,
          statusCode: number,
          resBytes: number,
          responseTimeMs: number,
        ) => void,
      ): this;
      on(event: 'reqError', listener: (error: Error) => void): this;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
