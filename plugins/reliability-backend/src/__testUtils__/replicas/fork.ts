import { ChildProcess, fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplicaOptions } from './child';
import { precompiledChild } from '../precompiled/precompile';

/** Starts a replica (child.ts) in a node process of its own. */
export function forkReplica(
  options: ReplicaOptions,
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  // Not jest's own flags: the TypeScript compiled ahead, as `yarn bench` runs it.
  return fork(
    join(__dirname, 'child.ts'),
    [JSON.stringify(options)],
    precompiledChild({
      env: {
        ...env,
        // Most of a replica's start is loading Backstage's modules; V8's code cache makes
        // the next run's a quarter faster.
        NODE_COMPILE_CACHE:
          process.env.NODE_COMPILE_CACHE ??
          join(tmpdir(), 'reliability-replicas-compile-cache'),
      },
    }),
  );
}

/** Asks each replica still running to stop, and kills it if it has not within 10 s. */
export async function stopReplicas(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      child =>
        new Promise<void>(resolve => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.send('stop');
        }),
    ),
  );
}
