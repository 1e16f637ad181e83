import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { makeTree, removeTree } from '../helpers/tree.js';

let roots: string[] = [];
afterEach(() => {
  roots.forEach(removeTree);
  roots = [];
});
const tree = (entries: Parameters<typeof makeTree>[0]) => {
  const root = makeTree(entries);
  roots.push(root);
  return root;
};

const PC = `# foo.pc, as the upstream build wrote it
prefix=/usr
exec_prefix=\${prefix}
libdir=\${exec_prefix}/lib/x86_64-linux-gnu
includedir=\${prefix}/include   # headers
sysconfdir=/etc/foo
datadir=$\${prefix}/share

Name: foo
Description: Foo \\# library
Version: 1.2
Libs: -L\${libdir} -lfoo
Cflags: -I\${includedir}/foo
`;

describe('unitfix fix on .pc files', () => {
  test('single output: the root variables change, everything else stays byte for byte', async () => {
    const root = tree({ 'out/lib/pkgconfig/foo.pc': PC, 'out/lib/x86_64-linux-gnu/libfoo.so': '', 'out/include/foo/foo.h': '' });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
    expect(fs.readFileSync(`${root}/out/lib/pkgconfig/foo.pc`, 'utf8')).toBe(
      PC.replace('prefix=/usr', `prefix=${root}/out`).replace('sysconfdir=/etc/foo', `sysconfdir=${root}/out/etc/foo`),
    );
  });

  test('multi-output: the prefix goes where the .pc is, variables whose files are elsewhere follow them', async () => {
    const root = tree({ 'dev/lib/pkgconfig/foo.pc': PC, 'out/lib/x86_64-linux-gnu/libfoo.so': '', 'dev/include/foo/foo.h': '' });
    await fixPaths({ paths: [`${root}/dev`], outputs: [`${root}/out`, `${root}/dev`], searchPath: [] });
    const fixed = fs.readFileSync(`${root}/dev/lib/pkgconfig/foo.pc`, 'utf8');
    expect(fixed).toContain(`prefix=${root}/dev\n`);
    expect(fixed).toContain(`libdir=${root}/out/lib/x86_64-linux-gnu\n`);
    expect(fixed).toContain('includedir=${prefix}/include   # headers\n');
  });

  test('a second run changes nothing', async () => {
    const root = tree({ 'out/lib/pkgconfig/foo.pc': PC });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    const again = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(again.files.map((f) => f.status)).toEqual(['unchanged']);
  });

  test('values split over continuation lines are reported, not rewritten', async () => {
    const text = 'prefix=/u\\\nsr\nName: x\nDescription: x\nVersion: 1\n';
    const root = tree({ 'out/share/pkgconfig/x.pc': text });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files[0]!.status).toBe('unchanged');
    expect(report.files[0]!.problems.map((p) => p.message)).toEqual(['prefix=/usr cannot be rewritten in place (continued, escaped or commented); left as it is']);
    expect(fs.readFileSync(path.join(root, 'out/share/pkgconfig/x.pc'), 'utf8')).toBe(text);
  });
});
