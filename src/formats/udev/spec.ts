import { parseUdevRules } from './parse.js';
import { printUdevRules } from './print.js';
import { inspectUdevRules } from './inspect.js';

const isRulesIn = (parts: readonly string[]): boolean =>
  parts.length >= 3 && parts[parts.length - 1]!.endsWith('.rules') && parts[parts.length - 2] === 'rules.d' && parts[parts.length - 3] === 'udev';

/**
 * udev rules as one self-contained format: what `fix`, `lint` and `inspect`
 * need to know about it, in one place.
 */
export const udevRulesSpec = {
  id: 'udev-rules',
  /** Where an output keeps rules; udev reads *.rules directly inside them (udev(7)). */
  folders: ['lib/udev/rules.d', 'etc/udev/rules.d'] as readonly string[],
  /** A file udev would read, by its place: <…>/udev/rules.d/<name>.rules. */
  isRulesPath: (file: string): boolean => isRulesIn(file.split('/')),
  /**
   * A file named on its own (pre-commit in a package's repository), templates
   * included: *.rules or *.rules.in with "udev" in its name or folders
   * (polkit's *.rules are JavaScript and live elsewhere).
   */
  isRulesName(file: string): boolean {
    const name = file.endsWith('.in') ? file.slice(0, -3) : file;
    return name.endsWith('.rules') && /udev/.test(name) && !/polkit/.test(name);
  },
  parse: parseUdevRules,
  print: printUdevRules,
  inspect: inspectUdevRules,
} as const;
