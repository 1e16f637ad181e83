import fs from 'node:fs';
import { unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

let root: string;
beforeEach(() => {
  root = makeTree({
    'out/lib/tmpfiles.d/foo.conf': 'L /etc/os-release - - - - ../usr/lib/os-release\nd /run/foo 0755 - - -\n',
    'out/lib/tmpfiles.d/nested/ignored.conf': 'L /etc/x - - - - /usr/lib/os-release\n',
    'out/lib/sysusers.d/foo.conf': 'u foo - "Foo" /var/lib/foo /usr/sbin/nologin\n',
    'osrel/lib/os-release': 'ID=x\n',
    'shadow/bin/nologin': EXEC,
  });
});
afterEach(() => removeTree(root));

describe('unitfix fix and inspect on tmpfiles.d and sysusers.d (built CLI)', () => {
  test('fix rewrites link targets from --dependency and shells from HOST_PATH; folders below tmpfiles.d are not read by systemd, nor by us', async () => {
    const result = await unitfix(['fix', '--host', '--dependency', `${root}/osrel`, `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: `${root}/shadow/bin` } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').sort()).toEqual([
      `${root}/out/lib/sysusers.d/foo.conf: /usr/sbin/nologin → ${root}/shadow/bin/nologin`,
      `${root}/out/lib/tmpfiles.d/foo.conf: ../usr/lib/os-release → ${root}/osrel/lib/os-release`,
    ]);
    expect(fs.readFileSync(`${root}/out/lib/tmpfiles.d/nested/ignored.conf`, 'utf8')).toContain('/usr/lib/os-release');
  });

  test('inspect --json gives unescaped columns with null for defaults', async () => {
    const tmpfiles = await unitfix(['inspect', '--json', `${root}/out/lib/tmpfiles.d/foo.conf`]);
    expect(JSON.parse(tmpfiles.stdout)).toMatchObject({
      format: 'tmpfiles',
      lines: [
        { line: 1, type: 'L', path: '/etc/os-release', mode: null, user: null, group: null, age: null, argument: '../usr/lib/os-release' },
        { line: 2, type: 'd', path: '/run/foo', mode: '0755', argument: null },
      ],
    });
    const sysusers = await unitfix(['inspect', '--json', `${root}/out/lib/sysusers.d/foo.conf`]);
    expect(JSON.parse(sysusers.stdout)).toMatchObject({
      format: 'sysusers',
      lines: [{ line: 1, type: 'u', name: 'foo', id: null, gecos: 'Foo', home: '/var/lib/foo', shell: '/usr/sbin/nologin' }],
    });
  });
});

describe('unitfix inspect on a .pc file', () => {
  test('--json gives every variable expanded and the fields', async () => {
    const root = makeTree({ 'lib/pkgconfig/foo.pc': 'prefix=/usr\nlibdir=${prefix}/lib # comment\nName: foo\nDescription: Foo\nVersion: 1.0\nLibs: -L${libdir} -lfoo\n' });
    try {
      const result = await unitfix(['inspect', '--json', `${root}/lib/pkgconfig/foo.pc`]);
      expect(JSON.parse(result.stdout)).toEqual({
        file: `${root}/lib/pkgconfig/foo.pc`,
        format: 'pkgconfig',
        variables: { pcfiledir: `${root}/lib/pkgconfig`, prefix: '/usr', libdir: '/usr/lib' },
        fields: { Name: 'foo', Description: 'Foo', Version: '1.0', Libs: '-L/usr/lib -lfoo' },
        diagnostics: [],
      });
    } finally {
      removeTree(root);
    }
  });
});
