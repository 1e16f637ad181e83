// The tests StrykerJS runs against each mutant (`npm run mutation`): those that
// load src/ in-process. The CLI, Nix, corpus and integration suites run the
// built bundle or other programs, so they cannot see a mutant, and cost minutes;
// the corpus suites, the udev and pkgconf oracles and hand-patches.test.ts read the
// Debian corpus (minutes a run; without UNITFIX_CORPUS they are one skipped placeholder).
import { fileURLToPath } from 'node:url';
import base from './jest.config.js';

export default {
  ...base,
  globalSetup: undefined,
  // src/ and rules/ too, so that jest's --findRelatedTests (enableFindRelatedTests in stryker.config.mjs)
  // sees which test files import a mutated file through the modules between them (rules.test.ts reaches
  // src/text/nearest-word.ts through rules/).
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/rules'],
  // An absolute path: Stryker loads the environment itself, without jest's <rootDir>.
  testEnvironment: fileURLToPath(new URL('./test/helpers/mutation-bail-environment.cjs', import.meta.url)),
  // Only the test files that hold a test covering the mutant (see the file).
  testSequencer: fileURLToPath(new URL('./test/helpers/mutation-sequencer.cjs', import.meta.url)),
  testMatch: [
    '<rootDir>/test/text/**/*.test.ts',
    '<rootDir>/test/resolve/**/*.test.ts',
    '<rootDir>/test/formats/*.test.ts',
    '<rootDir>/test/fix/*.test.ts',
    '<rootDir>/test/property/*.test.ts',
    '<rootDir>/test/lint/rules.test.ts',
    // The rules' own tests lint and fix real trees in-process: they are where most planners' refusals are checked.
    '<rootDir>/test/rules/*.test.ts',
    '<rootDir>/test/fhs/*.test.ts',
    // The shadow copies of .pc files are built in-process: the only tests of install-dirs.ts' table.
    '<rootDir>/test/shadow/*.test.ts',
  ],
  // amplification.property.test.ts counts steps and bytes allocated against the code as written; Stryker's
  // instrumented code branches and allocates more for every statement, so its bounds fail under it.
  testPathIgnorePatterns: ['/corpus-', '-corpus\\.test\\.ts$', 'hand-patches', 'udev-oracle', 'pkgconfig-oracle', 'amplification\\.property'],
};
