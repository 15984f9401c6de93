/*
 * Loaded with `node --require` into the benchmark's and the replica tests' children: a
 * `.ts` module is read from the copy precompile.ts compiled ahead into the folder
 * RELIABILITY_PRECOMPILED_DIR names, so the child never loads a TypeScript compiler (see
 * precompile.ts for why).
 */
const { readFileSync } = require('node:fs');
const { Module } = require('node:module');
const { join } = require('node:path');

const folder = process.env.RELIABILITY_PRECOMPILED_DIR;
if (!folder) {
  throw new Error(
    'RELIABILITY_PRECOMPILED_DIR is not set: start this process with precompiledChild() (precompile.ts)',
  );
}

Module._extensions['.ts'] = function loadPrecompiled(module, filename) {
  let code;
  try {
    code = readFileSync(join(folder, filename.replace(/\.ts$/, '.js')), 'utf8');
  } catch (error) {
    throw new Error(
      `${filename} has no precompiled copy in ${folder} (${
        error.code ?? error.message
      })`,
    );
  }
  module._compile(code, filename);
};
