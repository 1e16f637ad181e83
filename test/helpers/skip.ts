/**
 * Declares a suite that needs something this machine may lack (`missing` says
 * what, and how to get it, or is undefined when nothing is missing). Outside CI
 * the suite is skipped with one line on stderr and its body is never called:
 * describe.skip would still call it, and bodies read the corpus or run the
 * tool. With CI set, a missing requirement fails the test file instead.
 */
export function describeIfPresent(missing: string | undefined, name: string, fn: () => void): void {
  if (missing === undefined) {
    describe(name, fn);
    return;
  }
  if (process.env['CI']) throw new Error(`${name}: ${missing}`);
  // Not console.warn: jest prints that with a stack trace, several lines per skip.
  process.stderr.write(`skipped: ${name}: ${missing}\n`);
  describe.skip(name, () => test(missing, () => {}));
}
