/**
 * The benchmark's and the replica tests' child processes run the workspace's TypeScript
 * compiled ahead, in the parent, instead of through Backstage's on-the-fly loader
 * (`@backstage/cli/config/nodeTransform.cjs`). That loader keeps SWC's native compiler mapped
 * into the process (~30 MB resident) and every module's inline source map in V8's heap: memory
 * a deployed backend, which runs built JavaScript, does not have, and which the benchmark's
 * peak RSS would otherwise count as the plugin's.
 */
import { transformSync } from '@swc/core';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');
/** Each file's compiled copy is kept at its absolute path under this folder. */
const COMPILED_DIR = join(
  WORKSPACE_ROOT,
  'node_modules/.cache/reliability-precompiled',
);

function compiledPathOf(compiledDir: string, file: string): string {
  return join(compiledDir, file.replace(/\.ts$/, '.js'));
}

/** Where the children may load TypeScript from: every workspace package's code. */
const SOURCE_FOLDERS = ['plugins', 'packages'];
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'dist',
  'dist-types',
  '__fixtures__',
  '.cache',
]);

/** A file the children can load (tests and declarations are not). */
function isLoadable(name: string): boolean {
  return (
    name.endsWith('.ts') && !name.endsWith('.d.ts') && !/\.test\.ts$/.test(name)
  );
}

function* typeScriptFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) {
        yield* typeScriptFiles(join(folder, entry.name));
      }
    } else if (entry.isFile() && isLoadable(entry.name)) {
      yield join(folder, entry.name);
    }
  }
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Compiles one file as the on-the-fly loader would, without its source map. */
function compileTypeScript(source: string, filename: string): string {
  return transformSync(source, {
    filename,
    sourceMaps: false,
    module: { type: 'commonjs', ignoreDynamic: true },
    jsc: { target: 'es2024', parser: { syntax: 'typescript' } },
  }).code;
}

/**
 * Compiles every loadable TypeScript file under the folders whose compiled copy in
 * `compiledDir` is missing or was made from another version of it; returns how many it
 * compiled. A copy carries its source's modification time, so any change of the source (an
 * edit, a checkout, a clock ahead or behind) tells. Each copy is written under a temporary
 * name and renamed, so a concurrent caller (another Jest worker) never reads half a file.
 */
export function precompile(folders: string[], compiledDir: string): number {
  let compiled = 0;
  for (const folder of folders) {
    for (const file of typeScriptFiles(folder)) {
      const target = compiledPathOf(compiledDir, file);
      const source = statSync(file);
      const copyTime = mtimeOf(target);
      // Within a millisecond: utimes takes seconds as a float, which rounds the copy's time.
      if (copyTime !== undefined && Math.abs(copyTime - source.mtimeMs) < 1) {
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(
        temporary,
        compileTypeScript(readFileSync(file, 'utf8'), file),
      );
      utimesSync(temporary, source.atime, source.mtime);
      renameSync(temporary, target);
      compiled++;
    }
  }
  return compiled;
}

/** Whether this process has compiled the workspace already (see precompiledChild). */
let compiledInThisProcess = false;

/**
 * The `fork` options of a child that loads the workspace's compiled copies (see hook.cjs)
 * instead of compiling TypeScript itself: `execArgv` and `env` (this process's, the compiled
 * folder's, then `extra.env`). The first call in a process compiles what changed; the
 * sources are not expected to change while one benchmark or test file runs.
 */
export function precompiledChild(
  extra: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {},
): { execArgv: string[]; env: NodeJS.ProcessEnv } {
  if (!compiledInThisProcess) {
    precompile(
      SOURCE_FOLDERS.map(folder => resolve(WORKSPACE_ROOT, folder)),
      COMPILED_DIR,
    );
    compiledInThisProcess = true;
  }
  return {
    execArgv: [
      '--require',
      require.resolve('./hook.cjs'),
      ...(extra.execArgv ?? []),
    ],
    env: {
      ...process.env,
      RELIABILITY_PRECOMPILED_DIR: COMPILED_DIR,
      ...extra.env,
    },
  };
}
