import { unitLocation } from '../../rules/unit-location.js';
import { ruleTester } from '../helpers/rule-tester.js';

const ETC_UNITS = { 'etc/systemd/system/docker.service': '[Service]\n', 'etc/systemd/user/u.service': '[Service]\n', 'etc/tmpfiles.d/t.conf': 'd /run/t\n', 'usr/lib/systemd/system/a.service': '[Service]\n' };

ruleTester(unitLocation, {
  valid: [
    { name: 'where systemd reads them', files: { 'lib/systemd/system/ok.service': '[Service]\n', 'share/systemd/user/ok.service': '[Service]\n', 'lib/tmpfiles.d/ok.conf': 'd /run/ok\n', 'lib/sysusers.d/ok.conf': 'u ok -\n' } },
    { name: 'examples under share/doc are not units', files: { 'share/doc/foo/examples/systemd/system/example.service': '[Service]\n' }, deep: true },
    { name: 'etc-units = allow: etc/systemd units are NixOS\'s to link', files: { 'etc/systemd/system/docker.service': '[Service]\n', 'etc/systemd/user/u.service': '[Service]\n' }, options: { 'etc-units': 'allow' } },
  ],
  invalid: [
    {
      name: 'units, tmpfiles.d and sysusers.d where systemd does not read them',
      files: {
        'usr/lib/systemd/system/a.service': '[Service]\n',
        'etc/systemd/system/b.service': '[Service]\n',
        'share/systemd/system/c.service': '[Service]\n',
        'share/tmpfiles.d/d.conf': 'd /run/d\n',
        'lib/systemd/system/ok.service': '[Service]\n',
      },
      errors: [
        { messageId: 'notRead', file: 'etc/systemd/system/b.service', line: 1, column: 1 },
        { messageId: 'notRead', file: 'share/systemd/system/c.service', line: 1, column: 1 },
        { messageId: 'notRead', file: 'share/tmpfiles.d/d.conf', line: 1, column: 1 },
        { messageId: 'notRead', file: 'usr/lib/systemd/system/a.service', line: 1, column: 1 },
      ],
      output: null,
    },
    {
      name: 'a unit in a folder of its own below share',
      files: { 'share/foo/systemd/system/misplaced.service': '[Service]\n' },
      deep: true,
      errors: [{ messageId: 'notRead', file: 'share/foo/systemd/system/misplaced.service', line: 1, column: 1 }],
      output: null,
    },
    ...(['report', undefined] as const).map((value) => ({
      name: `etc-units = ${value ?? '(default)'}: etc/systemd units are findings`,
      files: ETC_UNITS,
      ...(value ? { options: { 'etc-units': value } } : {}),
      errors: ['etc/systemd/system/docker.service', 'etc/systemd/user/u.service', 'etc/tmpfiles.d/t.conf', 'usr/lib/systemd/system/a.service'].map((file) => ({ messageId: 'notRead', file, line: 1, column: 1 })),
      output: null,
    })),
    {
      name: 'etc-units = allow quiets etc/systemd/{system,user} units only',
      files: ETC_UNITS,
      options: { 'etc-units': 'allow' },
      errors: ['etc/tmpfiles.d/t.conf', 'usr/lib/systemd/system/a.service'].map((file) => ({ messageId: 'notRead', file, line: 1, column: 1 })),
      output: null,
    },
  ],
});
