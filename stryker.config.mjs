// `npm run mutation`: StrykerJS over the parsers, rewriters, fixer and
// resolver, with the in-process tests of jest.mutation.config.js. Not in CI
// (it takes long); the score and the surviving mutants are in docs/testing.md.
// Results are kept in reports/stryker-incremental.json, so a run can be done
// one folder at a time (`--mutate 'src/text/**/*.ts'`) and resumed: mutants
// whose code and covering tests did not change are not run again.
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  // Related tests: a mutant runs only the test files that import its file, not all of them
  // (each file loaded costs a second or more once instrumented, and some start real tools).
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  mutate: ['src/text/**/*.ts', 'src/formats/**/*.ts', 'src/fix/**/*.ts', 'src/resolve/**/*.ts', '!src/formats/unit/systemd-directives.ts'],
  coverageAnalysis: 'perTest',
  // Mutants that only run while a module loads (tables, regular expressions at top level) would need
  // the whole suite each, without per-test coverage; they are counted as ignored, not as survivors.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  // Added to a mutant's expected time: an infinite loop costs this much before it counts as a timeout.
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
