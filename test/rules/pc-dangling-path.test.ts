import { pcDanglingPath } from '../../rules/pc-dangling-path.js';
import { ruleTester } from '../helpers/rule-tester.js';

const HEAD = 'Name: x\nDescription: x\nVersion: 1\n';
const QUIET = `prefix=S/aaa-out\nlibdir=\${prefix}/lib\nincludedir=\${prefix}/include\n${HEAD}Cflags: -I\${includedir} -I/usr/include/x -IS/eee-dep/include\n`;
// The dependency is linted from a copy whose folder has the store object's name.
const BESIDE = { 'copies/eee-dep/include/e.h': '' };

ruleTester(pcDanglingPath, {
  valid: [
    {
      name: 'what exists, a libdir no flag uses (header-only packages), FHS paths, and folders in another linted root',
      inStore: true,
      filename: 'share/pkgconfig/x.pc',
      code: QUIET,
      files: { 'include/x.h': '' },
      beside: BESIDE,
      alsoLint: ['copies/eee-dep'],
    },
  ],
  invalid: [
    {
      name: 'a prefix joined onto an absolute store path (mosquitto), $dev/$dev (glslang), and folders the flags pass on that do not exist',
      inStore: true,
      filename: 'lib/pkgconfig/x.pc',
      code: ['prefix=S/aaa-out', 'libdir=${prefix}/S/aaa-out/lib', 'includedir=S/bbb-dev/S/bbb-dev/include', 'datadir=S/ccc-dev/include', 'Libs: -L${libdir} -lx -LS/ddd-gone/lib', 'Cflags: -I${datadir} -IS/aaa-out/include/sub', HEAD].join('\n'),
      files: { 'include/x.h': '' },
      beside: { 'store/ccc-dev/lib/.keep': '' },
      errors: [
        { messageId: 'variableJoined', line: 2, column: 1 },
        { messageId: 'variableJoined', line: 3, column: 1 },
        { messageId: 'variableNotInObject', line: 4, column: 1 },
        { messageId: 'flagNoObject', line: 5, column: 1 },
        { messageId: 'flagNotInObject', line: 6, column: 1 },
      ],
      output: null,
    },
    {
      name: 'without the root that holds it, the dependency is nowhere',
      inStore: true,
      filename: 'share/pkgconfig/x.pc',
      code: QUIET,
      files: { 'include/x.h': '' },
      beside: BESIDE,
      errors: [{ messageId: 'flagNoObject', line: 7, column: 1 }],
      output: null,
    },
  ],
});
