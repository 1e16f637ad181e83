// Bundles the CLI into dist/unitfix.js: one file to load at start-up instead of hundreds of modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/unitfix.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __unitfixCreateRequire } from 'node:module'; const require = __unitfixCreateRequire(import.meta.url);" },
});
