import { isCommandKey } from '../../src/formats/unit/command-keys.js';

// The keys systemd parses as command lines (config_parse_exec in load-fragment-gperf.gperf.in), per section.
const SERVICE = ['ExecCondition', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecReload', 'ExecReloadPost', 'ExecStop', 'ExecStopPost'];
const SOCKET = ['ExecStartPre', 'ExecStartPost', 'ExecStopPre', 'ExecStopPost'];
const ALL = [...new Set([...SERVICE, ...SOCKET])];

describe('isCommandKey', () => {
  test.each([
    ['Service', SERVICE],
    ['Socket', SOCKET],
    // Mount and swap units run no commands of their own; [Unit] and [Install] have none either.
    ['Mount', []],
    ['Swap', []],
    ['Unit', []],
    ['Install', []],
  ])('[%s]', (section, keys) => {
    expect(ALL.filter((key) => isCommandKey(section, key)).sort()).toEqual([...keys].sort());
  });

  test('an assignment before any section header is ignored by systemd, so it is no command', () => {
    expect(ALL.filter((key) => isCommandKey(null, key))).toEqual([]);
  });
});
