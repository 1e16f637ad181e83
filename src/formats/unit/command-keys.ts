/**
 * Settings whose value is a command line, by section: every directive parsed
 * by config_parse_exec in src/core/load-fragment-gperf.gperf.in (systemd 252,
 * checked against main at 261~devel). Mount and swap units have none.
 */
const COMMAND_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  Service: new Set([
    'ExecCondition', // v243
    'ExecStartPre',
    'ExecStart',
    'ExecStartPost',
    'ExecReload',
    'ExecReloadPost', // v259
    'ExecStop',
    'ExecStopPost',
  ]),
  Socket: new Set(['ExecStartPre', 'ExecStartPost', 'ExecStopPre', 'ExecStopPost']),
};

export function isCommandKey(section: string | null, key: string): boolean {
  if (section === null) return false;
  return COMMAND_KEYS[section]?.has(key) ?? false;
}
