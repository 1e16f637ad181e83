import fs from 'node:fs';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { planPcRewrites } from '../../src/fix/plans/pkgconfig.js';
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

  test("roots under /lib: Debian's pam.pc libdir=/lib/<triplet> goes to the output's lib/ when that is where the libraries are", async () => {
    const pam = 'prefix=/usr\nlibdir=/lib/x86_64-linux-gnu\nincludedir=${prefix}/include\n\nName: PAM\nDescription: PAM\nVersion: 1.5.2\nLibs: -L${libdir} -lpam\nCflags: -I${includedir}\n';
    const root = tree({ 'out/lib/pkgconfig/pam.pc': pam, 'out/lib/libpam.so': '', 'out/include/security/pam_appl.h': '' });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(fs.readFileSync(`${root}/out/lib/pkgconfig/pam.pc`, 'utf8')).toBe(pam.replace('prefix=/usr', `prefix=${root}/out`).replace('libdir=/lib/x86_64-linux-gnu', `libdir=${root}/out/lib`));
  });

  test('.pc files in every multiarch pkgconfig folder (lib/<triplet>/pkgconfig) are found, in byte order, beside lib/ and share/', async () => {
    const root = tree({
      'out/lib/x86_64-linux-gnu/pkgconfig/foo.pc': PC,
      'out/lib/aarch64-linux-gnu/pkgconfig/foo.pc': PC,
      'out/lib/pkgconfig/bar.pc': PC,
      'out/share/pkgconfig/baz.pc': PC,
      'out/lib/x86_64-linux-gnu/libfoo.so': '',
    });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.map((f) => [path.relative(`${root}/out`, f.path), f.status])).toEqual([
      ['lib/pkgconfig/bar.pc', 'changed'],
      ['share/pkgconfig/baz.pc', 'changed'],
      ['lib/aarch64-linux-gnu/pkgconfig/foo.pc', 'changed'],
      ['lib/x86_64-linux-gnu/pkgconfig/foo.pc', 'changed'],
    ]);
    expect(fs.readFileSync(`${root}/out/lib/x86_64-linux-gnu/pkgconfig/foo.pc`, 'utf8')).toMatch(new RegExp(`^prefix=${root}/out$`, 'm'));
  });

  test('a tree whose only .pc files are in a multiarch folder is not "a folder with nothing to fix"', async () => {
    const root = tree({ 'out/lib/x86_64-linux-gnu/pkgconfig/foo.pc': PC });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.skipped).toEqual([]);
    expect(report.files.map((f) => f.status)).toEqual(['changed']);
  });

  test('a multiarch folder the output has is kept; -L/usr/lib/<triplet> and -L/lib64 in flags follow the same rule', async () => {
    const text = 'libdir=/usr/lib/x86_64-linux-gnu\nName: m\nDescription: m\nVersion: 1\nLibs: -L/usr/lib/x86_64-linux-gnu/m -L/lib64 -lm\n';
    const root = tree({ 'out/lib/x86_64-linux-gnu/libm.so': '', 'out/lib/m/libm2.so': '', 'out/lib/pkgconfig/m.pc': text });
    await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(fs.readFileSync(`${root}/out/lib/pkgconfig/m.pc`, 'utf8')).toBe(
      `libdir=${root}/out/lib/x86_64-linux-gnu\nName: m\nDescription: m\nVersion: 1\nLibs: -L${root}/out/lib/m -L${root}/out/lib -lm\n`,
    );
  });

  test("an empty root: systemd.pc's root_prefix= gets the output, so ${rootprefix}/lib/systemd/system follows it", async () => {
    const text = 'prefix=/usr\nroot_prefix= # none\nrootprefix=${root_prefix}\nsystemd_system_unit_dir=${rootprefix}/lib/systemd/system\nsystemd_util_dir=${root_prefix}/lib/systemd\nName: systemd\nDescription: s\nVersion: 252\n';
    const root = tree({ 'out/share/pkgconfig/systemd.pc': text, 'out/lib/systemd/system/x.service': '' });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files.find((f) => f.path.endsWith('.pc'))!.replacements.map((r) => [r.key, r.from, r.to])).toEqual([
      ['prefix', '/usr', `${root}/out`],
      ['root_prefix', '/lib/systemd/system', `${root}/out/lib/systemd/system`],
    ]);
    expect(fs.readFileSync(`${root}/out/share/pkgconfig/systemd.pc`, 'utf8')).toBe(text.replace('prefix=/usr', `prefix=${root}/out`).replace('root_prefix= #', `root_prefix= ${root}/out#`));
  });

  test('an empty variable nothing builds a path on is left alone', async () => {
    const text = 'prefix=/opt/x\nextra=\nflags=${extra}-O2\nName: e\nDescription: e\nVersion: 1\n';
    const root = tree({ 'out/lib/pkgconfig/e.pc': text });
    const report = await fixPaths({ paths: [`${root}/out`], searchPath: [] });
    expect(report.files[0]!.status).toBe('unchanged');
  });

  test('with no output to point them at (the library called with none), each root is reported on its own line and nothing changes', () => {
    // Continued and commented lines first: a problem names the line of its variable, not a count of lines.
    const text = '# a comment\nName: n \\\n  continued\nprefix=/usr\nDescription: d\nroot_prefix=\nunitdir=${root_prefix}/lib/systemd/system\nVersion: 1\n';
    const evaluation = evaluatePc(parsePc(Buffer.from(text)), { pcfiledir: '/x/lib/pkgconfig' });
    const plan = planPcRewrites(evaluation, { outputs: [], ownOutput: undefined, exists: () => false });
    expect(plan.edits).toEqual([]);
    expect(plan.problems.map((p) => [p.line, p.message])).toEqual([
      [4, 'prefix=/usr names /usr, and no output is known to point it at'],
      [6, 'root_prefix is empty, so unitdir=/lib/systemd/system names an FHS path, and no output is known to point it at'],
    ]);
    // An output whose path would need quoting: refused, on the line of each root.
    const spaced = planPcRewrites(evaluation, { outputs: ['/nix/store/a b-out'], ownOutput: undefined, exists: () => false });
    expect(spaced.edits).toEqual([]);
    expect(spaced.problems.map((p) => p.line)).toEqual([4, 6]);
  });
});
