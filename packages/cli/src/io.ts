// Where the command line's output goes, and how a command says it has printed its error.

/** The code of an error whose command has already printed what there is to say. */
export const REPORTED = 'reliability.reported';

/** Where output goes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export const defaultIo: Io = {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
  env: process.env,
};
