import type { ChildProcess } from 'node:child_process';
import type { FromBackend } from './load-backend';

/** The child's next message of the given type (or its death). */
export function nextMessage<T extends FromBackend['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromBackend, { type: T }>> {
  return new Promise((resolve, reject) => {
    function cleanup() {
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    function onMessage(message: FromBackend) {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<FromBackend, { type: T }>);
    }
    function onExit(code: number | null) {
      cleanup();
      reject(
        new Error(`the load backend exited (code ${code}) before '${type}'`),
      );
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
