/** One word of a udev command line, with where it stands in the command string. */
export interface CommandWord {
  readonly value: string;
  /** Offsets into the command string: first byte, just past the last. */
  readonly start: number;
  readonly end: number;
  /** Neither quotes nor anything else between start and end but the word's own bytes. */
  readonly plain: boolean;
}

const isWhitespace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Splits a RUN/PROGRAM/IMPORT{program} command into argv as udev does before
 * running it (udev_event_spawn in src/udev/udev-event.c, systemd 252:
 * extract_first_word with UNQUOTE|RELAX|RETAIN_ESCAPE): whitespace separates,
 * '…' and "…" quote (also mid-word), a backslash is an ordinary byte, and a
 * quote left open runs to the end. Substitutions (%k, $env{…}) are applied by
 * udev before this split; the caller decides what to do with them.
 */
export function splitUdevCommand(command: string): CommandWord[] {
  const words: CommandWord[] = [];
  let p = 0;
  for (;;) {
    while (p < command.length && isWhitespace(command[p])) p++;
    if (p >= command.length) return words;
    const start = p;
    let value = '';
    let plain = true;
    let quote = '';
    while (p < command.length) {
      const c = command[p]!;
      if (quote !== '') {
        if (c === quote) quote = '';
        else value += c;
        p++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        plain = false;
        p++;
        continue;
      }
      if (isWhitespace(c)) break;
      value += c;
      p++;
    }
    words.push({ value, start, end: p, plain });
  }
}
