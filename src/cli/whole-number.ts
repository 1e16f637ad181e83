import { UsageError } from '../usage-error.js';

/**
 * A yargs `coerce` for a count (--max-warnings, --jobs): the digits as typed,
 * so that `abc` or `-5` is named in the error instead of becoming NaN or a
 * limit no run can meet.
 */
export function wholeNumber(flag: string, what: string): (value: string | string[]) => number {
  return (value) => {
    const text = Array.isArray(value) ? value[value.length - 1]! : value;
    if (!/^\d{1,9}$/.test(String(text))) throw new UsageError(`--${flag} ${String(text)}: give a whole number of ${what}, 0 or more`);
    return Number(text);
  };
}
