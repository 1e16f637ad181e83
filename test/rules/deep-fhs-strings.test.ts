import fs from 'node:fs';
import { deepFhsStrings } from '../../rules/deep-fhs-strings.js';
import { ruleTester } from '../helpers/rule-tester.js';

// Debian builds its programs with dwz: /bin/true names the shared debug file, and /usr/share/locale.
const ELF = fs.readFileSync('/bin/true').toString('latin1');
const SCRIPT = '#!/bin/sh\ncat /usr/share/foo/data\n';

test('the ELF program the cases use has a dwz debug link and /usr/share/locale', () => {
  expect(ELF).toMatch(/\/usr\/lib\/debug\/\.dwz\/[^\0]+\.debug/);
  expect(ELF).toContain('/usr/share/locale');
});

ruleTester(deepFhsStrings, {
  valid: [
    { name: 'without --deep, programs are not read', filename: 'bin/script', code: '#!/bin/sh\ncat /usr/share/x\n' },
    { name: 'example scripts in share/doc and include are not read', files: { 'share/doc/foo/examples/run.sh': { exec: true, content: SCRIPT }, 'include/foo/gen.sh': { exec: true, content: SCRIPT } }, deep: true },
    { name: 'files that are not programs', files: { 'lib/not-executable.so': Buffer.from(ELF, 'latin1'), 'share/doc/readme': 'see /usr/share/doc' }, deep: true },
    { name: "dwz's debug link alone (.gnu_debugaltlink) is not reported", files: { 'bin/true': { mode: 0o555, content: ELF.replaceAll('/usr/share/locale', '/nix/store/local') } }, deep: true },
  ],
  invalid: [
    {
      name: 'a script with embedded paths',
      filename: 'bin/script',
      code: '#!/bin/sh\ncat /usr/share/foo/data /etc/foo.conf\n',
      deep: true,
      errors: [{ messageId: 'embeds', line: 1, column: 1, data: { what: 'script', listed: '/usr/share/foo/data, /etc/foo.conf', more: '' } }],
      output: null,
    },
    { name: 'programs in libexec and share are read', filename: 'libexec/foo/helper', code: SCRIPT, files: { 'share/foo/hook': { exec: true, content: SCRIPT } }, deep: true, errors: [{ messageId: 'embeds', line: 1, column: 1 }, { messageId: 'embeds', file: 'share/foo/hook', line: 1, column: 1 }], output: null },
    {
      name: 'an ELF program: the section is named, the dwz debug link is left out of the list',
      files: { 'bin/elf': { mode: 0o555, content: ELF } },
      deep: true,
      errors: [{ messageId: 'embeds', file: 'bin/elf', line: 1, column: 1, data: { what: 'ELF file', listed: expect.stringMatching(/^(?!.*\.dwz).*\/usr\/share\/locale[^ ,]* \(\.rodata\)/) } }],
      output: null,
    },
  ],
});
