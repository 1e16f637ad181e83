// The test environment of `npm run mutation` (jest.mutation.config.js): once a
// test has failed for the mutant StrykerJS is testing, the tests after it are
// skipped. One failure kills the mutant, and Stryker's jest runner cannot bail
// by itself (jest offers no bail to programmatic runs), so without this every
// mutant ran every test that covers it: the properties and fixers cover most
// of src/ and cost tens of seconds a mutant on instrumented code.
//
// In the initial run it also writes down which test file holds each test
// (TEST_INDEX), for mutation-sequencer.cjs.
const fs = require('node:fs');
const path = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/** Where the initial run leaves its test index: the sandbox Stryker runs in (the workers' working folder). */
const TEST_INDEX = path.join(process.cwd(), '.stryker-test-index.json');

/** Stryker's worker processes say so; a plain jest run with this config writes no index. */
const UNDER_STRYKER = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** The mutant a test failed for; module state, shared by the test files of one Stryker worker. */
let killed;
/** Test file → the full names of its tests (describe titles and the test's, space-separated, as jest reports them). */
const index = {};

function fullName(test) {
  const names = [];
  for (let block = test; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

class MutationBailEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  handleTestEvent(event) {
    // Stryker names the running test at test_start and forgets it at test_done, which a skipped test
    // never reaches: the code the next test file runs while loading was then counted as that test's,
    // so mutants of module-level tables ran only a skipped test and "survived".
    if (event.name === 'test_skip' || event.name === 'test_todo') {
      const context = this.global[this.global.__strykerGlobalNamespace__ ?? '__stryker__'];
      if (context) context.currentTestId = undefined;
    }
    const mutant = process.env.__STRYKER_ACTIVE_MUTANT__;
    // The initial run (no active mutant) measures coverage: it must run every test.
    if (mutant === undefined) {
      if (event.name === 'test_start' && UNDER_STRYKER) (index[this.testPath] ??= []).push(fullName(event.test));
      return;
    }
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') killed = mutant;
    else if (event.name === 'test_start' && killed === mutant) event.test.mode = 'skip';
  }

  async teardown() {
    // After each file of the initial run: the index so far, replaced whole (a reader never sees half of it).
    if (UNDER_STRYKER && process.env.__STRYKER_ACTIVE_MUTANT__ === undefined && index[this.testPath]) {
      const temp = `${TEST_INDEX}.${process.pid}`;
      fs.writeFileSync(temp, JSON.stringify(index));
      fs.renameSync(temp, TEST_INDEX);
    }
    await super.teardown();
  }
}

module.exports = MutationBailEnvironment;
module.exports.TEST_INDEX = TEST_INDEX;
