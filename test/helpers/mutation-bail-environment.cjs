// The test environment of `npm run mutation` (jest.mutation.config.js): once a
// test has failed for the mutant StrykerJS is testing, the tests after it are
// skipped. One failure kills the mutant, and Stryker's jest runner cannot bail
// by itself (jest offers no bail to programmatic runs), so without this every
// mutant ran every test that covers it: the properties and fixers cover most
// of src/ and cost tens of seconds a mutant on instrumented code.
const { TestEnvironment } = require('jest-environment-node');

/** The mutant a test failed for; module state, shared by the test files of one Stryker worker. */
let killed;

class MutationBailEnvironment extends TestEnvironment {
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
    if (mutant === undefined) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') killed = mutant;
    else if (event.name === 'test_start' && killed === mutant) event.test.mode = 'skip';
  }
}

module.exports = MutationBailEnvironment;
