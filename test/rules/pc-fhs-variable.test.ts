import { pcFhsVariable } from '../../rules/pc-fhs-variable.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(pcFhsVariable, {
  valid: [
    { name: 'a store prefix', code: 'prefix=/nix/store/abc-ok\nName: ok\nDescription: d\nVersion: 1\n' },
    { name: '.pc files under share/doc are examples', filename: 'share/doc/foo/examples/pkgconfig/example.pc', code: 'prefix=/usr\nName: x\nDescription: x\nVersion: 1\n', deep: true },
  ],
  invalid: [
    {
      name: 'root variables and spelled-out flags under /usr or /etc, fixable',
      code: 'prefix=/usr\nlibdir=${prefix}/lib\nsysconfdir=/etc\nName: foo\nDescription: d\nVersion: 1\nLibs: -L/usr/lib -lfoo\n',
      errors: [
        { messageId: 'namesFhs', line: 1, column: 1, fixable: true },
        { messageId: 'namesFhs', line: 3, column: 1, fixable: true },
        { messageId: 'namesFhs', line: 7, column: 1, fixable: true },
      ],
      output: 'prefix=$out\nlibdir=${prefix}/lib\nsysconfdir=$out/etc\nName: foo\nDescription: d\nVersion: 1\nLibs: -L$out/lib -lfoo\n',
    },
    {
      name: 'a template is told its placeholder, not fixed',
      filename: 'lib/pkgconfig/foo.pc.in',
      alone: true,
      code: 'prefix=/usr\nName: foo\nDescription: d\nVersion: 1\n',
      errors: [{ messageId: 'templateHardCodes', line: 1, column: 1, fixable: false }],
      output: null,
    },
  ],
});
