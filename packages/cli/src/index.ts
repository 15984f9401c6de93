/**
 * The `reliability` command line of the Reliability Suite.
 *
 * @packageDocumentation
 */
import { run } from './program';

export { createProgram, run } from './program';
export type { Io } from './io';

/** Entry point of `bin/reliability`. */
export function main(argv: string[]): void {
  run(argv).then(code => {
    process.exitCode = code;
  });
}
