/**
 * The configure-time placeholder a template (foo.service.in, foo.pc.in)
 * should use instead of a hard-coded FHS path: autoconf's and meson's
 * configure_file() substitute these from the real prefix.
 */
const PLACEHOLDERS: readonly [RegExp, string][] = [
  [/^\/usr(?:\/local)?\/bin(?=\/|$)|^\/bin(?=\/|$)/, '@bindir@'],
  [/^\/usr(?:\/local)?\/sbin(?=\/|$)|^\/sbin(?=\/|$)/, '@sbindir@'],
  [/^\/usr(?:\/local)?\/libexec(?=\/|$)/, '@libexecdir@'],
  [/^\/usr(?:\/local)?\/lib(?:64)?(?=\/|$)|^\/lib(?:64)?(?=\/|$)/, '@libdir@'],
  [/^\/usr(?:\/local)?\/include(?=\/|$)/, '@includedir@'],
  [/^\/usr(?:\/local)?\/share(?=\/|$)/, '@datadir@'],
  [/^\/etc(?=\/|$)/, '@sysconfdir@'],
  [/^\/usr(?:\/local)?(?=\/|$)/, '@prefix@'],
];

export function placeholderFor(fhsPath: string): string | undefined {
  for (const [pattern, placeholder] of PLACEHOLDERS) {
    const match = pattern.exec(fhsPath);
    if (match) return placeholder + fhsPath.slice(match[0].length);
  }
  return undefined;
}

export const isTemplate = (file: string): boolean => file.endsWith('.in');
