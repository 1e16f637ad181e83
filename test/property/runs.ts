/**
 * How many runs each property gets: UNITFIX_FUZZ_RUNS overrides (a nightly can
 * afford 100,000). Under StrykerJS (its workers have STRYKER_MUTATOR_WORKER)
 * each property runs once per mutant it covers, on instrumented code: 200
 * runs, as `npm run mutation` always used, whichever way Stryker is started.
 */
const DEFAULT_RUNS = process.env['STRYKER_MUTATOR_WORKER'] === undefined ? 10000 : 200;
export const RUNS = Number(process.env['UNITFIX_FUZZ_RUNS'] ?? DEFAULT_RUNS);
