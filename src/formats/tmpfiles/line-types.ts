/**
 * Line types and modifiers of tmpfiles.d(5). Types are those of systemd 252's
 * ItemType enum (src/tmpfiles/tmpfiles.c); modifiers carry the version that
 * introduced them, so a file using a newer one can be flagged for older
 * systems.
 */
export const LINE_TYPES = new Set('fFdDvqQpLcbCweTtaAhHxXrRzZm'.split(''));

/** Types whose Argument is C-unescaped and specifier-expanded (specifier_expansion_from_arg). */
/** Types that create, copy or write something at their path (tmpfiles.d(5)). */
export const CREATING_TYPES: ReadonlySet<string> = new Set('fFwdDvqQpLcbC'.split(''));

export const UNESCAPED_ARGUMENT_TYPES = new Set(['C', 'L', 'f', 'F', 'w']);

/** Types whose Argument is ignored with a warning. */
export const NO_ARGUMENT_TYPES = new Set('dDvqQpeXxrRzZm'.split(''));

/** Types that need an Argument. */
export const ARGUMENT_REQUIRED_TYPES = new Set(['w', 'c', 'b', 't', 'T', 'a', 'A', 'h', 'H']);

/** Types that refuse '~' (base64): their Argument is a path or a device number. */
export const NO_BASE64_TYPES = new Set(['L', 'C', 'c', 'b', 't', 'T', 'a', 'A', 'h', 'H']);

/** Since v254 (commit 4b6621fef3) the six columns are also C-unescaped; before, a backslash only quoted the next character. */
export const COLUMNS_CUNESCAPED_SINCE = 254;

export const MODIFIERS: Readonly<Record<string, { readonly meaning: string; readonly since: number }>> = {
  '!': { meaning: 'only at boot', since: 208 },
  '+': { meaning: 'append, force or replace', since: 215 },
  '-': { meaning: 'ignore failure to create', since: 240 },
  '=': { meaning: 'remove an object of the wrong type first', since: 249 },
  '~': { meaning: 'Argument is base64', since: 252 },
  '^': { meaning: 'Argument names a credential', since: 252 },
  '?': { meaning: "L: only when the link's target exists", since: 257 },
  '$': { meaning: 'removed by systemd-tmpfiles --purge', since: 257 },
};
