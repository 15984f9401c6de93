#!/usr/bin/env node
/*
 * `make verify-packages`: builds every publishable package (not private; plugins/* and
 * packages/cli), packs each with `yarn pack` as `yarn npm publish` would (prepack swaps in
 * publishConfig, workspace: ranges become versions) and checks what each tarball holds:
 *
 *   - package.json: main, module, types, exports, typesVersions and bin point at files in the
 *     tarball; no `workspace:` range is left;
 *   - dist/ is there;
 *   - migrations/: every migration of the package ships (backend plugins run them at start);
 *   - configSchema: the declared schema file ships, and a package with a config.d.ts declares it;
 *   - OpenAPI: the spec ships as declared, and the built router has it (the router is built from
 *     the spec embedded in src/schema/openapi.generated.ts, so it must not look for the YAML at
 *     run time; every path of the YAML must be in dist/);
 *   - bin: each command is there, executable, with a shebang;
 *   - nothing else: no sources, tests, fixtures, reports or stray files.
 *
 * Usage: node scripts/verify-packages.mjs [--skip-build] [--keep] [package dirs...]
 *   --skip-build  use the dist/ folders as they are (after `yarn build:all` or a previous run)
 *   --keep        keep the tarballs and their unpacked contents (printed at the end)
 * Needs the type declarations of `yarn tsc` (dist-types/) for the build; `make verify-packages`
 * runs it first.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const keep = args.includes('--keep');
const only = args.filter(a => !a.startsWith('--'));

/** Files every package may hold besides dist/ and what its `files` lists. */
const ALWAYS_ALLOWED =
  /^(package\.json|README\.md|CHANGELOG\.md|LICEN[CS]E(\.md)?)$/i;
/** Never in a tarball, whatever `files` says. */
const FORBIDDEN = [
  [/(^|\/)[^/]+\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
  [/(^|\/)__(fixtures|mocks|snapshots|tests)__\//, 'a test fixture'],
  [/(^|\/)setupTests\.[jt]s$/, 'a test set-up file'],
  [
    /(^|\/)report(-[^/]+)?\.api\.md$|(^|\/)knip-report\.md$|(^|\/)cli-report\.md$/,
    'a repository report',
  ],
  [/(^|\/)catalog-info\.yaml$/, "the repository's catalog descriptor"],
  [/\.tsbuildinfo$|(^|\/)dist-types\//, 'a TypeScript build artefact'],
  [/(^|\/)(node_modules|coverage|bench)\//, 'a development folder'],
  [/(^|\/)\.[^/]+$/, 'a dot file'],
];

function run(cmd, argv, cwd, options = {}) {
  return execFileSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

function runAsync(cmd, argv, cwd) {
  return promisify(execFile)(cmd, argv, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function publishablePackages() {
  const dirs = [];
  for (const parent of ['plugins', 'packages']) {
    for (const name of readdirSync(path.join(root, parent)).sort()) {
      const dir = path.join(parent, name);
      const file = path.join(root, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.private) continue;
      if (only.length && !only.some(o => path.normalize(o) === dir)) continue;
      dirs.push({ dir, pkg });
    }
  }
  return dirs;
}

function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory())
      out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/**
 * The file paths a package.json field points at, in nested export conditions too. Only
 * relative paths: a condition like `"backstage": "@backstage/FrontendPlugin"` names no file.
 */
function targets(value) {
  if (typeof value === 'string') return value.startsWith('./') ? [value] : [];
  if (value && typeof value === 'object')
    return Object.values(value).flatMap(targets);
  return [];
}

function checkPackage({ dir, pkg: sourcePkg }, unpacked, modes) {
  const problems = [];
  const problem = message => problems.push(message);
  const files = new Set(listFiles(unpacked));
  const has = file => files.has(file.replace(/^\.\//, ''));
  const packed = JSON.parse(
    readFileSync(path.join(unpacked, 'package.json'), 'utf8'),
  );
  const sourceDir = path.join(root, dir);

  // package.json entry points.
  for (const field of ['main', 'module', 'types', 'typings', 'browser']) {
    if (typeof packed[field] === 'string' && !has(packed[field])) {
      problem(
        `package.json "${field}" is ${packed[field]}, which is not in the tarball`,
      );
    }
  }
  for (const target of targets(packed.exports)) {
    if (!has(target))
      problem(
        `package.json "exports" names ${target}, which is not in the tarball`,
      );
  }
  for (const target of Object.values(packed.typesVersions ?? {}).flatMap(v =>
    Object.values(v).flat(),
  )) {
    if (!target.includes('*') && !has(target)) {
      problem(
        `package.json "typesVersions" names ${target}, which is not in the tarball`,
      );
    }
  }
  for (const field of ['main', 'types']) {
    if (typeof packed[field] === 'string' && packed[field].startsWith('src/')) {
      problem(
        `package.json "${field}" still points at the sources (${packed[field]}): give it a publishConfig.${field} in dist/ (or drop it)`,
      );
    }
  }
  for (const field of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(packed[field] ?? {})) {
      if (
        String(range).startsWith('workspace:') ||
        String(range).startsWith('link:')
      ) {
        problem(
          `package.json ${field}.${name} is "${range}", which only resolves inside this repository`,
        );
      }
    }
  }

  // dist/.
  if (![...files].some(f => f.startsWith('dist/'))) {
    problem(
      'dist/ is missing: the package was not built (backstage-cli package build)',
    );
  }

  // Migrations.
  const migrationsDir = path.join(sourceDir, 'migrations');
  if (existsSync(migrationsDir)) {
    for (const migration of listFiles(migrationsDir)) {
      if (/\.(test|spec)\./.test(migration)) continue;
      if (!has(`migrations/${migration}`)) {
        problem(
          `migrations/${migration} is missing: the plugin runs its migrations from the package at start (add "migrations" to "files")`,
        );
      }
    }
  }

  // Configuration schema.
  if (typeof packed.configSchema === 'string' && !has(packed.configSchema)) {
    problem(
      `${packed.configSchema} is missing: package.json declares it as "configSchema" (add it to "files")`,
    );
  }
  if (existsSync(path.join(sourceDir, 'config.d.ts')) && !packed.configSchema) {
    problem(
      'config.d.ts exists but package.json declares no "configSchema": the app would not know the configuration',
    );
  }

  // OpenAPI spec.
  const specFile = 'src/schema/openapi.yaml';
  if (existsSync(path.join(sourceDir, specFile))) {
    if (!has(specFile)) {
      problem(
        `${specFile} is missing: the package's HTTP API is described by it (add it to "files")`,
      );
    }
    const spec = parseYaml(
      readFileSync(path.join(sourceDir, specFile), 'utf8'),
    );
    const distJs = [...files]
      .filter(f => f.startsWith('dist/') && /\.[cm]?js$/.test(f))
      .map(f => readFileSync(path.join(unpacked, f), 'utf8'))
      .join('\n');
    const missingPaths = Object.keys(spec.paths ?? {}).filter(
      p => !distJs.includes(JSON.stringify(p)) && !distJs.includes(`'${p}'`),
    );
    if (missingPaths.length > 0) {
      problem(
        `dist/ lacks the OpenAPI paths ${missingPaths.slice(0, 5).join(', ')}${
          missingPaths.length > 5 ? ', ...' : ''
        } of ${specFile}: the router validates requests against the spec built into it (run yarn generate:openapi, then build)`,
      );
    }
    const runtimeLoad = distJs.match(/["'`][^"'`]*openapi\.ya?ml["'`]/);
    if (
      runtimeLoad &&
      !has(runtimeLoad[0].slice(1, -1).replace(/^(\.\.\/)+/, ''))
    ) {
      problem(
        `dist/ loads ${runtimeLoad[0]} at run time, which is not in the tarball`,
      );
    }
  }

  // bin.
  const bins =
    typeof packed.bin === 'string'
      ? { [packed.name]: packed.bin }
      : packed.bin ?? {};
  for (const [command, file] of Object.entries(bins)) {
    if (!has(file)) {
      problem(`bin "${command}" is ${file}, which is not in the tarball`);
      continue;
    }
    const content = readFileSync(path.join(unpacked, file), 'utf8');
    if (!content.startsWith('#!'))
      problem(`bin "${command}" (${file}) has no #! line`);
    const mode = modes.get(file.replace(/^\.\//, ''));
    if (mode && !/x/.test(mode))
      problem(
        `bin "${command}" (${file}) is not executable in the tarball (${mode})`,
      );
  }

  // Nothing else.
  const declared = (packed.files ?? []).map(f =>
    f.replace(/^\.\//, '').replace(/\/$/, ''),
  );
  for (const file of [...files].sort()) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) {
      problem(`${file} is ${forbidden[1]} and must not be published`);
      continue;
    }
    const allowed =
      ALWAYS_ALLOWED.test(file) ||
      file.startsWith('dist/') ||
      declared.some(d => file === d || file.startsWith(`${d}/`));
    if (!allowed)
      problem(`${file} is not in "files" of package.json: a stray file`);
    if (
      /\.tsx?$/.test(file) &&
      !/\.d\.ts$/.test(file) &&
      file !== packed.configSchema
    ) {
      problem(
        `${file} is TypeScript source: only dist/ (and the config schema) should ship`,
      );
    }
  }
  return problems;
}

const started = Date.now();
const packages = publishablePackages();
if (packages.length === 0) {
  console.error('verify-packages: no publishable package matched');
  process.exit(2);
}

if (!skipBuild) {
  console.log(`[verify-packages] building ${packages.length} packages`);
  const t = Date.now();
  // `backstage-cli repo build` leaves out the bundled app and backend; --since would skip some.
  run('yarn', ['backstage-cli', 'repo', 'build'], root, { inherit: true });
  console.log(
    `[verify-packages] built in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
}

const work = mkdtempSync(path.join(tmpdir(), 'verify-packages-'));
/** Packs one package and checks its tarball; the lines to print and whether it passed. */
async function verify(entry) {
  const { dir, pkg } = entry;
  const base = pkg.name.replace(/^@/, '').replace('/', '-');
  const tarball = path.join(work, `${base}.tgz`);
  const unpackDir = path.join(work, base);
  let problems;
  try {
    await runAsync('yarn', ['pack', '--out', tarball], path.join(root, dir));
    mkdirSync(unpackDir, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', unpackDir], root);
    // Modes as the tarball records them (a bin must be executable for npm's links).
    const modes = new Map(
      run('tar', ['-tvzf', tarball], root)
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const parts = line.trim().split(/\s+/);
          return [parts[parts.length - 1].replace(/^package\//, ''), parts[0]];
        }),
    );
    problems = checkPackage(entry, path.join(unpackDir, 'package'), modes);
  } catch (e) {
    problems = [
      `could not be packed: ${(e.stderr || e.stdout || e.message)
        .toString()
        .trim()}`,
    ];
  }
  if (problems.length === 0) {
    const count = listFiles(path.join(unpackDir, 'package')).length;
    const kb = (statSync(tarball).size / 1024).toFixed(0);
    return {
      ok: true,
      lines: [`✓ ${pkg.name} (${dir}): ${count} files, ${kb} KiB`],
    };
  }
  const shown = problems.slice(0, 15).map(p => `    ${p}`);
  if (problems.length > 15)
    shown.push(`    ... and ${problems.length - 15} more`);
  return { ok: false, lines: [`✗ ${pkg.name} (${dir}):`, ...shown] };
}

// Two packs at a time: each is mostly the start-up of yarn and backstage-cli (prepack).
const results = new Array(packages.length);
let next = 0;
await Promise.all(
  [0, 1].map(async () => {
    while (next < packages.length) {
      const i = next++;
      results[i] = await verify(packages[i]);
      for (const line of results[i].lines) console.log(line);
    }
  }),
);
const failed = results.filter(r => !r.ok).length;

if (keep)
  console.log(`[verify-packages] tarballs and their contents kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failed > 0) {
  console.error(
    `[verify-packages] ${failed} of ${packages.length} packages would publish broken (${seconds} s)`,
  );
  process.exit(1);
}
console.log(
  `[verify-packages] ${packages.length} packages pack as they should (${seconds} s)`,
);
