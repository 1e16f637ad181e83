/** How many runs each property gets: UNITFIX_FUZZ_RUNS overrides (a nightly can afford 100,000). */
export const RUNS = Number(process.env['UNITFIX_FUZZ_RUNS'] ?? 10000);
