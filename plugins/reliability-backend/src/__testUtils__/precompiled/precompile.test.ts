import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precompile, precompiledChild } from './precompile';

/** Runs `code` in a node process started as the benchmark starts its children. */
function runChild(
  code: string,
  change: (env: NodeJS.ProcessEnv) => void = () => {},
) {
  const { execArgv, env } = precompiledChild();
  change(env);
  return spawnSync(process.execPath, [...execArgv, '-e', code], {
    env,
    encoding: 'utf8',
    cwd: __dirname,
  });
}

describe('TypeScript compiled ahead for child processes', () => {
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
    );
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      exports: 'function',
      compilers: [],
    });
  });

  it('compiles what changed since its copy, and only that', () => {
    const root = mkdtempSync(join(tmpdir(), 'precompile-'));
    try {
      const folder = join(root, 'src');
      const compiled = join(root, 'compiled');
      mkdirSync(join(folder, 'lib'), { recursive: true });
      const a = join(folder, 'a.ts');
      const b = join(folder, 'lib', 'b.ts');
      writeFileSync(a, 'export const a: number = 1;\n');
      writeFileSync(b, 'export const b: string = "b";\n');
      writeFileSync(join(folder, 'a.test.ts'), 'it("is a test", () => {});\n');
      writeFileSync(join(folder, 'types.d.ts'), 'export type T = 1;\n');
      // Written an hour ago, so that the edit below is not within the same millisecond.
      const anHourAgo = new Date(Date.now() - 3_600_000);
      for (const file of [a, b]) utimesSync(file, anHourAgo, anHourAgo);

      expect(precompile([folder], compiled)).toBe(2);
      expect(precompile([folder], compiled)).toBe(0);
      const copyOfB = join(compiled, b.replace(/\.ts$/, '.js'));
      expect(readFileSync(copyOfB, 'utf8')).toContain('b = "b"');

      writeFileSync(b, 'export const b: string = "edited";\n');
      expect(precompile([folder], compiled)).toBe(1);
      expect(readFileSync(copyOfB, 'utf8')).toContain('b = "edited"');

      // A change of time either way counts: a checkout of an older version is one.
      const { atime, mtime } = statSync(a);
      for (const changed of [mtime.getTime() - 60_000, Date.now() + 60_000]) {
        utimesSync(a, atime, new Date(changed));
        expect(precompile([folder], compiled)).toBe(1);
        expect(precompile([folder], compiled)).toBe(0);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says how to start the child when the compiled folder is not named', () => {
    const child = runChild('console.log("started")', env => {
      delete env.RELIABILITY_PRECOMPILED_DIR;
    });
    expect(child.status).not.toBe(0);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('RELIABILITY_PRECOMPILED_DIR is not set');
  });
});
