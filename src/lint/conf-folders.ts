/** The folders whose snippets systemd reads only when their names end in .conf. */
const CONF_ONLY_FOLDERS = ['tmpfiles.d', 'sysusers.d'] as const;

/** The .conf-only folder a file sits directly in, or undefined. */
export function confOnlyFolderOf(relative: string): string | undefined {
  const slash = relative.lastIndexOf('/');
  const parent = relative.slice(relative.lastIndexOf('/', slash - 1) + 1, slash);
  return slash > 0 && (CONF_ONLY_FOLDERS as readonly string[]).includes(parent) ? parent : undefined;
}
