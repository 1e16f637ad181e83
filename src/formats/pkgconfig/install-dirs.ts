/**
 * pkg-config variables that tell a dependent package where to INSTALL files.
 * Inside a Nix build they name the dependency's own read-only store path, so
 * `unitfix pkgconfig-shadow` remaps them to the output being built. One
 * entry per variable: the package whose .pc defines it, the output of the
 * package being built where such files belong, and what goes there.
 * Checked against the .pc files as shipped (Debian's systemd.pc, udev.pc,
 * dbus-1.pc, polkit-gobject-1.pc, bash-completion.pc) and upstream's
 * fish.pc.in. Some folders packagers set by hand have no variable to
 * remap: polkit's rules.d and udev's rules.d (consumers build them from
 * their own datadir, or from udevdir, which is here), zsh completions (zsh
 * ships no .pc file).
 */
export interface InstallDirVariable {
  readonly package: string;
  readonly variable: string;
  readonly output: string;
  readonly what: string;
  /**
   * Where in the output the folder goes whatever the dependency says: for a
   * variable whose value is not a folder of its own package (dbus-1's
   * sysconfdir=/etc, which consumers append dbus-1/system.d to).
   */
  readonly relative?: string;
}

const entry = (pkg: string, variable: string, what: string, output = 'out'): InstallDirVariable => ({ package: pkg, variable, output, what });

export const INSTALL_DIR_VARIABLES: readonly InstallDirVariable[] = [
  entry('systemd', 'systemdsystemunitdir', 'system units (lib/systemd/system)'),
  entry('systemd', 'systemd_system_unit_dir', 'system units, v252+ spelling'),
  entry('systemd', 'systemduserunitdir', 'user units (lib/systemd/user)'),
  entry('systemd', 'systemd_user_unit_dir', 'user units, v252+ spelling'),
  entry('systemd', 'systemdsystempresetdir', 'system presets (lib/systemd/system-preset)'),
  entry('systemd', 'systemd_system_preset_dir', 'system presets, v252+ spelling'),
  entry('systemd', 'systemduserpresetdir', 'user presets (lib/systemd/user-preset)'),
  entry('systemd', 'systemd_user_preset_dir', 'user presets, v252+ spelling'),
  entry('systemd', 'systemdsystemgeneratordir', 'system generators (lib/systemd/system-generators)'),
  entry('systemd', 'systemd_system_generator_dir', 'system generators, v252+ spelling'),
  entry('systemd', 'systemdusergeneratordir', 'user generators (lib/systemd/user-generators)'),
  entry('systemd', 'systemd_user_generator_dir', 'user generators, v252+ spelling'),
  entry('systemd', 'systemdsleepdir', 'hooks run around suspend (lib/systemd/system-sleep)'),
  entry('systemd', 'systemd_sleep_dir', 'sleep hooks, v252+ spelling'),
  entry('systemd', 'systemdshutdowndir', 'hooks run at shutdown (lib/systemd/system-shutdown)'),
  entry('systemd', 'systemd_shutdown_dir', 'shutdown hooks, v252+ spelling'),
  entry('systemd', 'tmpfilesdir', 'tmpfiles.d snippets (lib/tmpfiles.d)'),
  entry('systemd', 'tmpfiles_dir', 'tmpfiles.d snippets, v252+ spelling'),
  entry('systemd', 'user_tmpfiles_dir', 'user tmpfiles.d snippets (share/user-tmpfiles.d)'),
  entry('systemd', 'sysusersdir', 'sysusers.d snippets (lib/sysusers.d)'),
  entry('systemd', 'sysusers_dir', 'sysusers.d snippets, v252+ spelling'),
  entry('systemd', 'sysctldir', 'sysctl.d snippets (lib/sysctl.d)'),
  entry('systemd', 'sysctl_dir', 'sysctl.d snippets, v252+ spelling'),
  entry('systemd', 'binfmtdir', 'binfmt.d snippets (lib/binfmt.d)'),
  entry('systemd', 'binfmt_dir', 'binfmt.d snippets, v252+ spelling'),
  entry('systemd', 'modulesloaddir', 'modules-load.d snippets (lib/modules-load.d)'),
  entry('systemd', 'modules_load_dir', 'modules-load.d snippets, v252+ spelling'),
  entry('systemd', 'catalogdir', 'journal message catalogs (lib/systemd/catalog)'),
  entry('systemd', 'catalog_dir', 'journal message catalogs, v252+ spelling'),
  entry('udev', 'udevdir', 'udev rules.d/ and helpers (lib/udev)'),
  entry('udev', 'udev_dir', 'udev rules.d/ and helpers, v247+ spelling'),
  entry('dbus-1', 'system_bus_services_dir', 'D-Bus system services (share/dbus-1/system-services)'),
  entry('dbus-1', 'session_bus_services_dir', 'D-Bus session services (share/dbus-1/services)'),
  entry('dbus-1', 'interfaces_dir', 'D-Bus interface XML (share/dbus-1/interfaces)'),
  entry('bash-completion', 'completionsdir', 'bash completions (share/bash-completion/completions)'),
  entry('bash-completion', 'helpersdir', 'bash completion helpers (share/bash-completion/helpers)'),
  entry('polkit-gobject-1', 'policydir', 'polkit actions (share/polkit-1/actions)'),
  entry('polkit-gobject-1', 'actiondir', 'polkit actions (share/polkit-1/actions)'),
  // Consumers append dbus-1/system.d to these for their D-Bus policy: bluez (datadir now,
  // sysconfdir in older releases), iwd (datadir). dbus-daemon reads share/dbus-1/system.d for packages.
  entry('dbus-1', 'datadir', 'parent of share/dbus-1/system.d (D-Bus policy; bluez, iwd)'),
  { ...entry('dbus-1', 'sysconfdir', 'parent of dbus-1/system.d in older bluez: share/, as /etc is the administrator\'s'), relative: 'share' },
  entry('fish', 'completionsdir', 'fish completions (share/fish/vendor_completions.d)'),
  entry('fish', 'functionsdir', 'fish functions (share/fish/vendor_functions.d)'),
  entry('fish', 'confdir', 'fish snippets run at startup (share/fish/vendor_conf.d)'),
];

/**
 * Variables that look like install directories but are left alone, with the
 * reason; `[install-dirs]` in .unitfixrc adds any of them for a build that
 * wants it.
 */
export const NOT_REMAPPED: readonly { readonly package: string; readonly variable: string; readonly why: string }[] = [
  { package: 'systemd', variable: 'systemdutildir', why: "also read as where systemd's own helpers are: zram-generator compiles it in to run systemd-makefs" },
  { package: 'systemd', variable: 'systemd_util_dir', why: 'systemdutildir, v252+ spelling' },
  { package: 'systemd', variable: 'systemdsystemconfdir', why: 'etc/systemd/system belongs to the administrator' },
  { package: 'systemd', variable: 'systemduserconfdir', why: 'etc/systemd/user belongs to the administrator' },
  { package: 'bash-completion', variable: 'compatdir', why: 'etc/bash_completion.d is the legacy, eagerly loaded folder; completionsdir is the one to install into' },
];

/** The table's variables for one package, by .pc name. */
export function installDirsOf(pkg: string, table: readonly InstallDirVariable[] = INSTALL_DIR_VARIABLES): InstallDirVariable[] {
  return table.filter((e) => e.package === pkg);
}

/** PKG_CONFIG_<PKG>_<VAR>, as freedesktop pkg-config and pkgconf 3 read it: upper case, other characters to '_'. */
export function overrideVariableName(pkg: string, variable: string): string {
  return `PKG_CONFIG_${pkg}_${variable}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
