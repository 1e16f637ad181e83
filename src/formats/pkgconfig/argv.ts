/**
 * Splits a Cflags/Libs value into words the way pkgconf_argv_split()
 * (libpkgconf/argvsplit.c) does: blanks separate, '…' is literal, "…" lets
 * a backslash escape only $ ` " \, a backslash outside quotes escapes the
 * next character. Every blank ends a word, so runs of blanks leave empty
 * words, which pkgconf then skips. Undefined for an unterminated quote or a
 * trailing backslash: pkgconf then drops the whole field with a warning.
 */
export function splitPcArguments(value: string): string[] | undefined {
  const words: string[] = [];
  let current = '';
  let quote = '';
  let escaped = false;
  for (const c of value) {
    if (escaped) {
      if (quote === '"' && !'$`"\\'.includes(c)) current += '\\';
      current += c;
      escaped = false;
    } else if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote !== "'") escaped = true;
      else current += c;
    } else if (/^[ \t\n\v\f\r]$/.test(c)) {
      words.push(current);
      current = '';
    } else if (c === '\\') escaped = true;
    else if (c === '"' || c === "'") quote = c;
    else current += c;
  }
  if (escaped || quote) return undefined;
  words.push(current);
  return words.filter((w) => w !== '');
}

/** Undoes the backslash escaping pkgconf puts on each rendered --cflags/--libs item. */
export function splitRenderedFlags(output: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < output.length; i++) {
    const c = output[i]!;
    if (c === '\\' && i + 1 < output.length) current += output[++i];
    else if (c === ' ') {
      if (current !== '') items.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') items.push(current);
  return items;
}
