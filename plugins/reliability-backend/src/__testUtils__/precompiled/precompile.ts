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
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../../../..');
/** Each file's compiled copy is kept at its absolute path under this folder. */
const COMPILED_DIR = join(
  WORKSPACE_ROOT,
  'node_modules/.cache/reliability-precompiled',
);

function compiledPathOf(file: string): string {
  return join(COMPILED_DIR, file.replace(/\.ts$/, '.js'));
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
export function compileTypeScript(source: string, filename: string): string {
  return transformSync(source, {
    filename,
    sourceMaps: false,
    module: { type: 'commonjs', ignoreDynamic: true },
    jsc: { target: 'es2024', parser: { syntax: 'typescript' } },
  }).code;
}

/**
 * Compiles every loadable TypeScript file of the workspace whose compiled copy is missing or
 * older than it; returns how many it compiled. Each copy is written under a temporary name
 * and renamed, so a concurrent caller (another Jest worker) never reads half a file.
 */
export function precompileWorkspace(): number {
  let compiled = 0;
  for (const folder of SOURCE_FOLDERS) {
    for (const file of typeScriptFiles(resolve(WORKSPACE_ROOT, folder))) {
      const target = compiledPathOf(file);
      const targetTime = mtimeOf(target);
      if (targetTime !== undefined && targetTime >= statSync(file).mtimeMs) {
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      writeFileSync(
        temporary,
        compileTypeScript(readFileSync(file, 'utf8'), file),
      );
      renameSync(temporary, target);
      compiled++;
    }
  }
  return compiled;
}

/**
 * Compiles what changed and returns what a child needs to load the compiled copies (see
 * hook.cjs) instead of compiling TypeScript itself: its `execArgv` and its environment's
 * additions.
 */
export function precompiledChild(): {
  execArgv: string[];
  env: { RELIABILITY_PRECOMPILED_DIR: string };
} {
  precompileWorkspace();
  return {
    execArgv: ['--require', require.resolve('./hook.cjs')],
    env: { RELIABILITY_PRECOMPILED_DIR: COMPILED_DIR },
  };
}
