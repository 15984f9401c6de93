#!/usr/bin/env node
/*
 * Generates, from the one OpenAPI schema of the reliability backend
 * (plugins/reliability-backend/src/schema/openapi.yaml):
 *   - the backend's typed, validating router: src/schema/openapi.generated.ts, the schema as a
 *     `const` object handed to `createValidatedOpenApiRouter` of @backstage/backend-openapi-utils
 *     (request and response types are inferred from it);
 *   - the client's types: plugins/reliability-common/src/client/openapi.generated.ts
 *     (openapi-typescript).
 * `--check` fails when either file is out of date (run by `make test`).
 *
 * Why not `backstage-repo-tools package schema openapi generate`: since repo-tools 0.19 it
 * drives the Java openapi-generator, whose jar it downloads from Maven Central at run time;
 * this project installs only from the npm registry.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parse } from 'yaml';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = path.join(
  root,
  'plugins/reliability-backend/src/schema/openapi.yaml',
);
const serverOut = path.join(
  root,
  'plugins/reliability-backend/src/schema/openapi.generated.ts',
);
const clientOut = path.join(
  root,
  'plugins/reliability-common/src/client/openapi.generated.ts',
);
const banner = `// ******************************************************************
// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.              *
// * Edit plugins/reliability-backend/src/schema/openapi.yaml and    *
// * run \`yarn generate:openapi\`.                                    *
// ******************************************************************
`;

const check = process.argv.includes('--check');
const yamlText = await readFile(schemaPath, 'utf8');
const spec = parse(yamlText);
// The router's validator refuses an invalid document at request time ("args.apiDoc was
// invalid"); refuse it here instead, with the paths of what is wrong.
try {
  await SwaggerParser.validate(structuredClone(spec));
} catch (e) {
  console.error(
    `${path.relative(root, schemaPath)} is not a valid OpenAPI document:\n${
      e.message
    }`,
  );
  process.exit(1);
}
const prettierConfig = await prettier.resolveConfig(serverOut);

const server = `${banner}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;

const ast = await openapiTS(spec);
// The client's named types (ActionItem = components['schemas']['ActionItem'], ...) are part of
// the common package's API, so the interfaces they index are too, and their comments are read
// by API Extractor for the package's API report (report.api.md): the top-level interfaces get
// a release tag (client/index.ts exports them as ReliabilityApiPaths, -Components,
// -Operations), and openapi-typescript's JSDoc tags that TSDoc does not define become plain
// text (@description, @default) or go (@enum: the union type already says it).
const tagged = astToString(ast)
  .replace(
    /^export interface (paths|components|operations) \{/gm,
    (line, name) =>
      `/**\n * The OpenAPI schema's \`${name}\`, as openapi-typescript types them.\n *\n * @public\n */\n${line}`,
  )
  .replace(/^[ \t]*\/\*\* @enum \{[^}]*\} \*\/\n/gm, '')
  .replace(/^[ \t]*\* @enum \{[^}]*\}\n/gm, '')
  .replace(/@description /g, '')
  .replace(/@default /g, 'Default: ');
const client = `${banner}/* eslint-disable */\n${tagged}`;

const outputs = [
  [serverOut, server],
  [clientOut, client],
];
let stale = 0;
for (const [file, content] of outputs) {
  const formatted = await prettier.format(content, {
    ...prettierConfig,
    filepath: file,
  });
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current === formatted) continue;
  if (check) {
    console.error(
      `${path.relative(root, file)} is out of date: run yarn generate:openapi`,
    );
    stale++;
  } else {
    await writeFile(file, formatted);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}
process.exit(stale ? 1 : 0);
