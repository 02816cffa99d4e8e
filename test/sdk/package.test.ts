import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

import { generateSdkTypes, SDK_TYPES_PATH } from '../../scripts/generate-sdk-types.js';
import { REPO_ROOT } from '../support/wede-cli.js';
import { runNode } from '../support/node-script.js';

const SDK = join(REPO_ROOT, 'packages', 'sdk');

describe('the @wede/sdk package', () => {
  it('has the types the server describes now (else run `npm run sdk:types`)', async () => {
    const committed = await readFile(SDK_TYPES_PATH, 'utf8');

    const current = await generateSdkTypes();

    // A long diff is no help here; the first differing line says where to look.
    const committedLines = committed.split('\n');
    const currentLines = current.split('\n');
    const first = currentLines.findIndex((line, index) => line !== committedLines[index]);
    const difference =
      first === -1
        ? null
        : { line: first + 1, committed: committedLines[first], now: currentLines[first] };
    expect(difference).toBeNull();
    expect(committedLines.length).toBe(currentLines.length);
  });

  it('imports from the repository root as an ES module, with its declarations', async () => {
    const result = await runNode(
      "import { WedeClient, WedeError, verifyWebhook } from '@wede/sdk';\n" +
        "const client = new WedeClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });\n" +
        'console.log(typeof client.missions.list, typeof client.requestBackup,\n' +
        '  typeof client.stream, new WedeError(400, "x", "y").status, typeof verifyWebhook);\n',
    );

    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function function function 400 function');
    const manifest = JSON.parse(await readFile(join(SDK, 'package.json'), 'utf8'));
    const declarations = await readFile(join(SDK, manifest.exports['.'].types), 'utf8');
    expect(declarations).toContain('WedeClient');
  });

  it('bundles for a browser without any Node module', async () => {
    const bundled = await build({
      absWorkingDir: REPO_ROOT,
      stdin: {
        contents: "export { WedeClient, verifyWebhook } from '@wede/sdk';",
        resolveDir: REPO_ROOT,
      },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });

    const inputs = Object.keys(bundled.metafile.inputs);
    expect(inputs.some((input) => input.includes('packages/sdk/dist/index.js'))).toBe(true);
    expect(inputs.filter((input) => /(^|\/)(ws|node:)/.test(input))).toEqual([]);
    expect(bundled.errors).toEqual([]);
  });
});
