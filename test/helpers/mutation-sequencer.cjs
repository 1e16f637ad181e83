// The test sequencer of `npm run mutation` (jest.mutation.config.js). For a
// mutant, Stryker's jest runner names the tests that cover it (a test-name
// pattern) and the mutated file (--findRelatedTests); jest would then load
// every test file that imports the mutated file, directly or not, only to
// skip most of their tests: for a parser, nearly every file of the suite,
// each costing a second or more of instrumented code. This keeps only the
// files that hold a test the pattern names, from the index the initial run
// wrote (mutation-bail-environment.cjs). Without a pattern (the initial
// run) or an index, every file jest found runs.
const fs = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;
const { TEST_INDEX } = require('./mutation-bail-environment.cjs');

class MutationSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.pattern = options?.globalConfig?.testNamePattern;
  }

  sort(tests) {
    const sorted = super.sort(tests);
    if (!this.pattern || !fs.existsSync(TEST_INDEX)) return sorted;
    const index = JSON.parse(fs.readFileSync(TEST_INDEX, 'utf8'));
    const pattern = new RegExp(this.pattern, 'i');
    // A file the index does not know (added since the initial run) is kept: better run than missed.
    return sorted.filter((test) => !index[test.path] || index[test.path].some((name) => pattern.test(name)));
  }
}

module.exports = MutationSequencer;
