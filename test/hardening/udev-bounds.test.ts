import { parseUdevRules, UDEV_LINE_SIZE } from '../../src/formats/udev/parse.js';
import { printUdevRules } from '../../src/formats/udev/print.js';

/**
 * Megabytes of hostile input: here rather than beside the properties, so `npm run mutation` (which
 * leaves test/hardening out) does not run them once per parser mutant. How the work grows with
 * such input is counted, not timed, in linear-work.test.ts.
 */
describe('udev rules parser on hostile input', () => {
  test('hostile input: 4 MB of continuation lines print back, a line past the limit stops the file', () => {
    const continued = Buffer.from(`${'\\\n'.repeat(2_000_000)}${'RUN+="/usr/bin/x", '.repeat(1000)}\n`);
    expect(printUdevRules(parseUdevRules(continued)).equals(continued)).toBe(true);
    const tooLong = Buffer.from(`KERNEL=="x", ${'a'.repeat(UDEV_LINE_SIZE)}\nRUN+="/usr/bin/y"\n`);
    const parsed = parseUdevRules(tooLong);
    expect(parsed.rules).toEqual([]);
    expect(parsed.diagnostics[0]!.message).toMatch(/stops reading the file/);
  });
});
