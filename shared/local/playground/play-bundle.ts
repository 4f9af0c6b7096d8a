/**
 * @module play-bundle
 * The playground's page script: its TypeScript (client/) bundled with the Discord message
 * components it renders with, by esbuild, in memory, the first time a page asks. esbuild is
 * a development dependency and loaded only here: nothing deployed carries it or the page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PlayAssets {
  script(): Promise<string>;
  styles(): Promise<string>;
}

export function playAssets(projectRoot: string): PlayAssets {
  const client = join(projectRoot, 'shared', 'local', 'playground', 'client');
  let built: Promise<string> | undefined;
  return {
    script: () => {
      built ??= bundle(join(client, 'main.ts')).catch((error: unknown) => {
        // A failed build is tried again on the next page, after the source is mended.
        built = undefined;
        throw error;
      });
      return built;
    },
    styles: () => readFile(join(client, 'play.css'), 'utf8'),
  };
}

async function bundle(entry: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design: only a page of the playground needs esbuild
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    sourcemap: 'inline',
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}
