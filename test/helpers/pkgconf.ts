import { spawnSync } from 'node:child_process';

/** Runs the real pkgconf with only `dirs` on its search path and nothing from the environment. */
export function pkgconf(dirs: readonly string[], args: readonly string[], env: Record<string, string> = {}): { status: number; stdout: string } {
  const clean: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', LC_ALL: 'C', PKG_CONFIG_LIBDIR: dirs.join(':'), ...env };
  const run = spawnSync('pkgconf', args, { encoding: 'utf8', env: clean });
  return { status: run.status ?? -1, stdout: run.stdout.replace(/\n+$/, '') };
}
