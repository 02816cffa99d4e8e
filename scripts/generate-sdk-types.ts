// Writes the SDK's types from the server's OpenAPI document: `npm run sdk:types`.
// A test compares the committed file with what this produces, so a route changed
// without regenerating fails CI.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

import { openApiDocument } from '../src/http/openapi-document.js';

export const SDK_TYPES_PATH = fileURLToPath(
  new URL('../packages/sdk/src/generated/api.ts', import.meta.url),
);

const HEADER =
  "// Generated from the server's /openapi.json by `npm run sdk:types`. Do not edit:\n" +
  '// change the route schemas and regenerate.\n\n';

/** The text of the SDK's generated types for the server as it is now. */
export async function generateSdkTypes(): Promise<string> {
  const document = await openApiDocument();
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    alphabetize: true,
  });
  return HEADER + astToString(ast);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SDK_TYPES_PATH, await generateSdkTypes());
  process.stdout.write(`wrote ${SDK_TYPES_PATH}\n`);
}
