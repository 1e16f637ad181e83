import { fhsLocation } from '../fhs/roots.js';

/**
 * The configure-time placeholder a template (foo.service.in, foo.pc.in)
 * should use instead of a hard-coded FHS path, by the first folder of its
 * place in an output (the FHS table): autoconf's and meson's
 * configure_file() substitute these from the real prefix, and autoconf's
 * defaults put each below ${prefix} the same way (sysconfdir=${prefix}/etc).
 */
const PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  ['bin', '@bindir@'],
  ['sbin', '@sbindir@'],
  ['libexec', '@libexecdir@'],
  ['lib', '@libdir@'],
  ['lib64', '@libdir@'],
  ['include', '@includedir@'],
  ['share', '@datadir@'],
  ['etc', '@sysconfdir@'],
]);

export function placeholderFor(fhsPath: string): string | undefined {
  const at = fhsLocation(fhsPath, { etc: true });
  if (!at) return undefined;
  const slash = at.relative.indexOf('/');
  const top = slash < 0 ? at.relative : at.relative.slice(0, slash);
  const placeholder = PLACEHOLDERS.get(top);
  if (placeholder) return placeholder + at.relative.slice(top.length);
  return at.relative === '' ? '@prefix@' : `@prefix@/${at.relative}`;
}

