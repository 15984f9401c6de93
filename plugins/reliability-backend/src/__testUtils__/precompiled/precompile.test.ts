import { spawnSync } from 'node:child_process';
import { precompiledChild } from './precompile';

/** Runs `code` in a node process started as the benchmark starts its children. */
function runChild(code: string, env: NodeJS.ProcessEnv) {
  const { execArgv } = precompiledChild();
  return spawnSync(process.execPath, [...execArgv, '-e', code], {
    env,
    encoding: 'utf8',
    cwd: __dirname,
  });
}

describe('precompiledChild', () => {
  it('runs workspace TypeScript without a TypeScript compiler in the process', () => {
    const child = runChild(
      `const common = require(${JSON.stringify(
        require.resolve('@reliability-suite/plugin-reliability-common'),
      )});
       const compilers = Object.keys(require.cache).filter(p => /@swc|sucrase|typescript/.test(p));
       console.log(JSON.stringify({
         exports: typeof common.generatePrometheusRules,
         compilers,
       }));`,
      { ...process.env, ...precompiledChild().env },
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      exports: 'function',
      compilers: [],
    });
  });

  it('says how to start the child when the compiled folder is not named', () => {
    const env = { ...process.env };
    delete env.RELIABILITY_PRECOMPILED_DIR;
    const child = runChild('console.log("started")', env);
    expect(child.status).not.toBe(0);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('RELIABILITY_PRECOMPILED_DIR is not set');
  });
});
