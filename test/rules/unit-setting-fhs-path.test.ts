import { unitSettingFhsPath } from '../../rules/unit-setting-fhs-path.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unitSettingFhsPath, {
  valid: [
    { name: 'store paths, /var, /run and optional /etc overrides', code: '[Service]\nWorkingDirectory=/var/lib/foo\nEnvironmentFile=-/etc/default/foo\nReadWritePaths=/run/foo\nExecStart=/nix/store/abc-foo/bin/foo\n' },
    { name: '/etc config the package does not ship is the administrator\'s', code: '[Service]\nEnvironmentFile=/etc/foo/foo.conf\n' },
  ],
  invalid: [
    {
      name: '/usr paths, and /etc config the package ships itself (unless optional); fixable where fix rewrites',
      files: { 'etc/foo/foo.conf': 'x', 'share/foo/disabled': 'x' },
      code: '[Unit]\nConditionPathExists=!/usr/share/foo/disabled\n[Service]\nEnvironmentFile=/etc/foo/foo.conf\nEnvironmentFile=-/etc/foo/foo.conf\nReadOnlyPaths=-/usr/lib/foo /var/lib/foo +/usr/lib/x\nBindReadOnlyPaths=/usr/share/zoneinfo:/etc/zoneinfo\nWorkingDirectory=/var/lib/foo\nLoadCredential=key:/usr/share/foo/key\nStandardOutput=file:/usr/log\nEnvironment=PATH=/usr/bin:/usr/share/foo/bin\n',
      errors: [
        { messageId: 'fhs', line: 2, column: 22, fixable: true },
        { messageId: 'shippedEtc', line: 4, column: 17, fixable: false },
        { messageId: 'fhs', line: 6, column: 16, fixable: false },
        { messageId: 'fhs', line: 7, column: 19, fixable: false },
        { messageId: 'fhs', line: 9, column: 20, fixable: false },
        { messageId: 'fhs', line: 10, column: 21, fixable: false },
        { messageId: 'fhs', line: 11, column: 18, fixable: false },
        { messageId: 'fhs', line: 11, column: 27, fixable: false },
      ],
      output:
        '[Unit]\nConditionPathExists=!$out/share/foo/disabled\n[Service]\nEnvironmentFile=/etc/foo/foo.conf\nEnvironmentFile=-/etc/foo/foo.conf\nReadOnlyPaths=-/usr/lib/foo /var/lib/foo +/usr/lib/x\nBindReadOnlyPaths=/usr/share/zoneinfo:/etc/zoneinfo\nWorkingDirectory=/var/lib/foo\nLoadCredential=key:/usr/share/foo/key\nStandardOutput=file:/usr/log\nEnvironment=PATH=/usr/bin:/usr/share/foo/bin\n',
    },
  ],
});
