// `npm run mutation`: StrykerJS over the parsers, rewriters, fixer and
// resolver, with the in-process tests of jest.mutation.config.js. Not in CI
// (it takes long); the score and the surviving mutants are in docs/testing.md.
export default {
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  mutate: ['src/text/**/*.ts', 'src/formats/**/*.ts', 'src/fix/**/*.ts', 'src/resolve/**/*.ts', '!src/formats/unit/systemd-directives.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 30000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
