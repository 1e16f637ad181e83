// Bundles the CLI into dist/unitfix.js: one file to load at start-up instead of
// hundreds of modules. Code after a dynamic import() goes into a chunk of its
// own (dist/chunks/), loaded only by the commands that need it.
import fs from 'node:fs';
import { build } from 'esbuild';

fs.rmSync('dist/chunks', { recursive: true, force: true });

/**
 * yargs lays out its help with cliui and wrap-ansi, which import string-width,
 * which builds an Intl.Segmenter (ICU data) as it loads: about 25 ms of every
 * start-up, for help text that most runs never print. Each import of
 * string-width becomes a stand-in that loads the real module (the importer's
 * own copy) on its first call; esbuild evaluates a module that is only
 * require()d when it is first required.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) => {
      if (args.namespace === 'lazy-string-width') return undefined;
      return { path: args.resolveDir, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      resolveDir: args.path,
      loader: 'js',
      contents: [
        'let real;',
        'export default function stringWidth(text, options) {',
        "  real ??= require('string-width');",
        '  return (real.default ?? real)(text, options);',
        '}',
      ].join('\n'),
    }));
  },
};

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
  plugins: [lazyStringWidth],
  banner: { js: "import { createRequire as __unitfixCreateRequire } from 'node:module'; const require = __unitfixCreateRequire(import.meta.url);" },
});
