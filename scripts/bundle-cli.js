// Bundles the CLI into dist/unitfix.js: one file to load at start-up instead of
// hundreds of modules. Code after a dynamic import() goes into a chunk of its
// own (dist/chunks/), loaded only by the commands that need it.
import fs from 'node:fs';
import { build } from 'esbuild';

fs.rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: { unitfix: 'src/cli/bin.ts', 'lint-reader': 'src/lint/read-worker.ts' },
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __unitfixCreateRequire } from 'node:module'; const require = __unitfixCreateRequire(import.meta.url);" },
});
