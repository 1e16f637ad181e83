import { parsePc } from '../../src/formats/pkgconfig/parse.js';
import { evaluatePc } from '../../src/formats/pkgconfig/evaluate.js';
import { planPcRewrites, planPkgconfig } from '../../src/fix/plans/pkgconfig.js';
import type { PathResolver } from '../../src/fix/plans/path-resolver.js';
import type { PlanContext } from '../../src/fix/plans/planner.js';
import { applyEdits } from '../../src/text/edit.js';

const OUT = '/s/out';
const DEV = '/s/dev';
const TAIL = 'Name: n\nDescription: d\nVersion: 1\n';

/** Plans a .pc text against outputs whose only existing paths are `present`; `asked` records every exists() call. */
function plan(text: string, outputs: readonly string[], ownOutput: string | undefined, present: readonly string[] = []) {
  const source = Buffer.from(text, 'latin1');
  const evaluation = evaluatePc(parsePc(source), { pcfiledir: '/s/out/lib/pkgconfig' });
  const known = new Set(present);
  const asked: string[] = [];
  const rewrite = planPcRewrites(evaluation, {
    outputs,
    ownOutput,
    exists: (file) => {
      asked.push(file);
      return known.has(file);
    },
  });
  return {
    text: applyEdits(source, rewrite.edits).toString('latin1'),
    replacements: rewrite.replacements.map((r) => [r.key, r.from, r.to]),
    kinds: rewrite.replacements.map((r) => r.kind),
    problems: rewrite.problems.map((p) => [p.line, p.message]),
    asked,
  };
}

describe('planPcRewrites: which output a root goes to', () => {
  test('the output where most paths derived from the root exist wins over the own output; unrelated roots do not count', () => {
    const text = `prefix=/usr\nincludedir=\${prefix}/include\ndatadir=\${prefix}/share\nsysconfdir=/etc\nudevdir=/lib/udev\nfirmwaredir=/lib/firmware\n${TAIL}`;
    const r = plan(text, [OUT, DEV], OUT, [`${DEV}/include`, `${DEV}/share`, `${OUT}/etc`, `${OUT}/lib/udev`, `${OUT}/lib/firmware`]);
    expect(r.replacements).toEqual([
      ['prefix', '/usr', DEV],
      ['sysconfdir', '/etc', `${OUT}/etc`],
      ['udevdir', '/lib/udev', `${OUT}/lib/udev`],
      ['firmwaredir', '/lib/firmware', `${OUT}/lib/firmware`],
    ]);
    expect(r.text).toBe(`prefix=${DEV}\nincludedir=\${prefix}/include\ndatadir=\${prefix}/share\nsysconfdir=${OUT}/etc\nudevdir=${OUT}/lib/udev\nfirmwaredir=${OUT}/lib/firmware\n${TAIL}`);
    expect(r.problems).toEqual([]);
  });

  test('a tie goes to the own output, even when it is listed second; with no own output, to the first listed', () => {
    const text = `prefix=/usr\nincludedir=\${prefix}/include\n${TAIL}`;
    expect(plan(text, [OUT, DEV], DEV).replacements).toEqual([['prefix', '/usr', DEV]]);
    expect(plan(text, [OUT, DEV], undefined).replacements).toEqual([['prefix', '/usr', OUT]]);
    // The own output listed second loses to an output with more of the paths.
    expect(plan(text, [OUT, DEV], DEV, [`${OUT}/include`]).replacements).toEqual([['prefix', '/usr', OUT]]);
  });

  test('a variable equal to the root counts as one of its paths', () => {
    // share/ in dev twice (datadir, sharedir) beats share/icons in out once.
    const text = `datadir=/usr/share\nsharedir=\${datadir}\nicondir=\${datadir}/icons\n${TAIL}`;
    const r = plan(text, [OUT, DEV], OUT, [`${DEV}/share`, `${OUT}/share/icons`]);
    // icondir exists in out only: its leading ${datadir} is replaced by out's share/, and the report shows that lead alone.
    expect(r.replacements).toEqual([
      ['datadir', '/usr/share', `${DEV}/share`],
      ['icondir', '${datadir}', `${OUT}/share`],
    ]);
    expect(r.text).toBe(`datadir=${DEV}/share\nsharedir=\${datadir}\nicondir=${OUT}/share/icons\n${TAIL}`);
  });

  test("the root's own path counts once, like each derived path", () => {
    // lib/ in out (the root itself) against two derived folders in dev: dev wins 2 to 1.
    const text = `libdir=/usr/lib\npkgdir=\${libdir}/p1\nmoddir=\${libdir}/p2\n${TAIL}`;
    const r = plan(text, [OUT, DEV], OUT, [`${OUT}/lib`, `${DEV}/lib/p1`, `${DEV}/lib/p2`]);
    expect(r.replacements).toEqual([['libdir', '/usr/lib', `${DEV}/lib`]]);
  });

  test('a value that names /usr but leaves it (/usr/../opt) is no root and stays as it is', () => {
    const text = `odd=/usr/../opt/x\n${TAIL}`;
    const r = plan(text, [OUT], OUT);
    expect(r.text).toBe(text);
    expect(r.replacements).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  test('with one output, where the paths are is not asked to choose it', () => {
    const text = `prefix=/usr\nincludedir=\${prefix}/include\nlibdir=\${prefix}/lib\n${TAIL}`;
    const r = plan(text, [OUT], OUT, [`${OUT}/lib`]);
    expect(r.replacements).toEqual([['prefix', '/usr', OUT]]);
    // Only the root's own place is asked (as written, then without a multiarch part, which '' has not).
    expect(r.asked).toEqual([OUT]);
  });
});

describe('planPcRewrites: derived variables in another output', () => {
  test("a derived path that exists only in another output gets that output's path for its leading ${var}", () => {
    const text = [
      'prefix=/usr',
      'libdir=${prefix}/lib',
      'bindir=${prefix}/bin',
      'libexecdir=${prefix}/libexec',
      'datadir=${prefix}/share',
      'sbindir=${prefix}/sbin',
      'includedir=${prefix}/include',
      'pkgincludedir=${includedir}/foo',
      'quoted="${prefix}/include/q"',
      'stray=${nothere}/usr/include/s',
      'up=${prefix}/../opt',
      TAIL,
    ].join('\n');
    const present = [`${OUT}/lib`, `${OUT}/bin`, `${OUT}/libexec`, `${OUT}/share`, `${OUT}/sbin`, `${DEV}/include`, `${DEV}/include/foo`, `${DEV}/include/q`, `${DEV}/include/s`];
    const r = plan(text, [OUT, DEV], OUT, present);
    // A quoted value and one led by an undefined variable have no ${var} lead to replace: left alone.
    expect(r.replacements).toEqual([
      ['prefix', '/usr', OUT],
      ['includedir', '${prefix}', DEV],
      ['pkgincludedir', '${includedir}', `${DEV}/include`],
    ]);
    expect(r.text).toBe(text.replace('prefix=/usr', `prefix=${OUT}`).replace('includedir=${prefix}', `includedir=${DEV}`).replace('pkgincludedir=${includedir}', `pkgincludedir=${DEV}/include`));
    expect(r.problems).toEqual([]);
  });

  test('a derived path in both outputs stays with its root', () => {
    const text = `prefix=/usr\nincludedir=\${prefix}/include\n${TAIL}`;
    const r = plan(text, [OUT, DEV], OUT, [`${OUT}/include`, `${DEV}/include`]);
    expect(r.replacements).toEqual([['prefix', '/usr', OUT]]);
  });
});

describe('planPcRewrites: multiarch and lib64 folders', () => {
  test('a multiarch or lib64 folder the output lacks goes to its plain lib/, with the rest kept; one it has is kept', () => {
    const text = [
      'libdir=/usr/lib/x86_64-pc-linux-gnu',
      'hurddir=/lib/i386-gnu',
      'armdir=/usr/lib/arm-linux-gnueabihf',
      'lib64dir=/usr/lib64',
      'deepdir=/usr/lib/x86_64-linux-gnu/sub',
      'keptdir=/usr/lib/aarch64-linux-gnu',
      'notarch=/usr/lib/python3',
      'shared=/usr/share/lib64',
      TAIL,
    ].join('\n');
    const present = [`${OUT}/lib`, `${OUT}/lib/sub`, `${OUT}/lib/aarch64-linux-gnu`, `${OUT}/lib/lib64`, `${OUT}/lib/python3`];
    const r = plan(text, [OUT], OUT, present);
    expect(r.replacements.map(([key, , to]) => [key, to])).toEqual([
      ['libdir', `${OUT}/lib`],
      ['hurddir', `${OUT}/lib`],
      ['armdir', `${OUT}/lib`],
      ['lib64dir', `${OUT}/lib`],
      ['deepdir', `${OUT}/lib/sub`],
      ['keptdir', `${OUT}/lib/aarch64-linux-gnu`],
      ['notarch', `${OUT}/lib/python3`],
      // lib64 not at the start is no library folder: share/lib64 stays share/lib64.
      ['shared', `${OUT}/share/lib64`],
    ]);
  });
});

describe('planPcRewrites: literal roots', () => {
  test('/usr, /usr/local, /lib, /lib64 and /etc are roots; /usrx, /etcetera and a path that leaves its root are not', () => {
    const text = ['a=/usr', 'b=/usr/local/share', 'c=/lib', 'd=/lib64', 'e=/etc/x', 'f=/usrx/lib', 'g=/etcetera', 'h=/opt/usr', TAIL].join('\n');
    const r = plan(text, [OUT], OUT);
    expect(r.replacements).toEqual([
      ['a', '/usr', OUT],
      ['b', '/usr/local/share', `${OUT}/share`],
      ['c', '/lib', `${OUT}/lib`],
      ['d', '/lib64', `${OUT}/lib64`],
      ['e', '/etc/x', `${OUT}/etc/x`],
    ]);
    expect(r.text).toBe(['a=/s/out', 'b=/s/out/share', 'c=/s/out/lib', 'd=/s/out/lib64', 'e=/s/out/etc/x', 'f=/usrx/lib', 'g=/etcetera', 'h=/opt/usr', TAIL].join('\n'));
  });

  test('a root value that is continued or escaped is refused on its line, not edited', () => {
    const text = `# c\nprefix=/u\\\n  sr\ndatadir=/usr/sh\\are\n${TAIL}`;
    const r = plan(text, [OUT], OUT);
    expect(r.text).toBe(text);
    expect(r.replacements).toEqual([]);
    expect(r.problems).toEqual([
      [2, 'prefix=/usr cannot be rewritten in place (continued, escaped or commented); left as it is'],
      [4, 'datadir=/usr/sh\\are cannot be rewritten in place (continued, escaped or commented); left as it is'],
    ]);
  });

  test('a derived lead that cannot be replaced in place is refused with its variable named', () => {
    const text = `prefix=/usr\nincludedir=\${pre\\\nfix}/include\nlibdir=\${prefix}/lib\n${TAIL}`;
    const r = plan(text, [OUT, DEV], OUT, [`${DEV}/include`, `${OUT}/lib`]);
    expect(r.problems).toEqual([[2, 'includedir=${prefix}/include cannot be rewritten in place (continued, escaped or commented); left as it is']]);
  });
});

describe('planPcRewrites: empty roots', () => {
  test('an empty root gets the output where its users\' paths exist; non-path and non-FHS users do not count', () => {
    const text = [
      'early=${root_prefix}/lib/early',
      'root_prefix=',
      'rootprefix=${root_prefix}',
      'unitdir=${rootprefix}/lib/systemd/system',
      'udevdir=${root_prefix}/lib/udev',
      'flags=${root_prefix}-lib/x',
      'optdir=${root_prefix}/opt/x',
      TAIL,
    ].join('\n');
    const r = plan(text, [OUT, DEV], OUT, [`${DEV}/lib/systemd/system`, `${DEV}/lib/udev`, `${OUT}/lib/early`]);
    expect(r.replacements).toEqual([['root_prefix', '/lib/systemd/system', `${DEV}/lib/systemd/system`]]);
    expect(r.kinds).toEqual(['empty-root']);
    expect(r.text).toBe(text.replace('root_prefix=\n', `root_prefix=${DEV}\n`));
    expect(r.problems).toEqual([]);
  });

  test('an empty root used only through another variable (${root_prefix}${sub}) is left empty', () => {
    const text = `root_prefix=\nsub=/lib/udev\nudevdir=\${root_prefix}\${sub}\n${TAIL}`;
    const r = plan(text, [OUT], OUT);
    expect(r.replacements).toEqual([['sub', '/lib/udev', `${OUT}/lib/udev`]]);
  });

  test('a ${root_prefix} that does not lead a value is no use of the empty root', () => {
    // The reference comes after 15 characters whose last is '/': only a leading reference counts.
    const text = `root_prefix=\nodd=/usr/share/abc/\${root_prefix}/lib/x\n${TAIL}`;
    const r = plan(text, [OUT], OUT);
    expect(r.replacements.map(([key]) => key)).not.toContain('root_prefix');
    expect(r.text).not.toContain(`root_prefix=${OUT}`);
  });

  test('an empty root whose output path would need quoting is refused with its own message', () => {
    const text = `root_prefix=\nunitdir=\${root_prefix}/lib/systemd/system\n${TAIL}`;
    const r = plan(text, ['/s/a b'], undefined);
    expect(r.text).toBe(text);
    expect(r.problems).toEqual([[1, 'root_prefix= cannot be given a value in place; left as it is']]);
  });

  test('with no output, an empty root and a literal root are reported, and nothing is edited', () => {
    const text = `prefix=/usr\nroot_prefix=\nunitdir=\${root_prefix}/lib/systemd/system\nLibs: -L/usr/lib/x\n${TAIL}`;
    const r = plan(text, [], undefined);
    expect(r.text).toBe(text);
    expect(r.problems).toEqual([
      [1, 'prefix=/usr names /usr, and no output is known to point it at'],
      [2, 'root_prefix is empty, so unitdir=/lib/systemd/system names an FHS path, and no output is known to point it at'],
    ]);
  });
});

describe('planPcRewrites: flags', () => {
  test('-L, -I and bare FHS paths in Libs, Libs.private, Cflags and Cflags.private (any case) point at the output that has them', () => {
    const text = [
      'prefix=/opt/p',
      'Libs: -L/usr/lib/x86_64-linux-gnu -lfoo /usr/lib/libbar.a -L/usr/lib/m',
      'libs.PRIVATE: -L/lib64',
      'CFLAGS: -I/usr/include/foo -I/etc/foo -DX=/usr/share -I/usr/../opt/x',
      'Cflags.private: -I/usr/local/include',
      'Requires: /usr/lib/x',
      'URL: /usr/share/doc',
      TAIL,
    ].join('\n');
    const present = [`${OUT}/lib`, `${DEV}/lib/m`, `${DEV}/include/foo`];
    const r = plan(text, [OUT, DEV], DEV, present);
    expect(r.replacements).toEqual([
      ['Libs', '/usr/lib/x86_64-linux-gnu', `${OUT}/lib`],
      ['Libs', '/usr', DEV],
      ['Libs', '/usr', DEV],
      ['libs.PRIVATE', '/lib64', `${OUT}/lib`],
      ['CFLAGS', '/usr', DEV],
      ['CFLAGS', '/etc', `${DEV}/etc`],
      ['Cflags.private', '/usr/local', DEV],
    ]);
    expect(r.text).toBe(
      text
        .replace('-L/usr/lib/x86_64-linux-gnu', `-L${OUT}/lib`)
        .replace(' /usr/lib/libbar.a', ` ${DEV}/lib/libbar.a`)
        .replace('-L/usr/lib/m', `-L${DEV}/lib/m`)
        .replace('-L/lib64', `-L${OUT}/lib`)
        .replace('-I/usr/include/foo', `-I${DEV}/include/foo`)
        .replace('-I/etc/foo', `-I${DEV}/etc/foo`)
        .replace('-I/usr/local/include', `-I${DEV}/include`),
    );
  });

  test('a flag path found nowhere goes where prefix went, else to the own output, else to the first output', () => {
    const flags = `Libs: -L/usr/lib/none\n${TAIL}`;
    const withPrefix = `prefix=/usr\nincludedir=\${prefix}/include\n${flags}`;
    expect(plan(withPrefix, [OUT, DEV], OUT, [`${DEV}/include`]).replacements).toEqual([
      ['prefix', '/usr', DEV],
      ['Libs', '/usr', DEV],
    ]);
    expect(plan(flags, [OUT, DEV], DEV).replacements).toEqual([['Libs', '/usr', DEV]]);
    expect(plan(flags, [OUT, DEV], undefined).replacements).toEqual([['Libs', '/usr', OUT]]);
  });

  test('a flag path in a continued value is refused, naming the field and the path', () => {
    const text = `Libs: -L/u\\\nsr/lib/x -lx\nCflags: -I/usr/lib/x86_64-linux-\\\ngnu/inc\n${TAIL}`;
    const r = plan(text, [OUT], OUT, [`${OUT}/lib/inc`]);
    expect(r.text).toBe(text);
    expect(r.problems).toEqual([
      [1, 'Libs: /usr/lib/x cannot be rewritten in place (continued, escaped or commented); left as it is'],
      [3, 'Cflags: /usr/lib/x86_64-linux-gnu/inc cannot be rewritten in place (continued, escaped or commented); left as it is'],
    ]);
  });
});

describe('planPkgconfig: the .pc file in its output', () => {
  const context = (file: string, outputs: readonly string[], exists?: (file: string) => boolean): PlanContext => {
    const resolver: PathResolver = {
      outputs,
      resolveExecutable: () => {
        throw new Error('not asked');
      },
      resolveFile: () => {
        throw new Error('not asked');
      },
      ...(exists ? { exists } : {}),
    };
    return { file, resolver, cache: {} as PlanContext['cache'] };
  };
  const text = `prefix=/usr\nincludedir=\${prefix}/include\n${TAIL}`;

  test("the output the file is in wins a tie; the resolver's exists() is what is asked", () => {
    const file = parsePc(Buffer.from(text));
    const own = planPkgconfig(file, context(`${DEV}/lib/pkgconfig/x.pc`, ['/nonexistent-unitfix/out', DEV], () => false));
    expect(own.replacements.map((r) => [r.key, r.to])).toEqual([['prefix', DEV]]);
    const asked = planPkgconfig(file, context(`${DEV}/lib/pkgconfig/x.pc`, [OUT, DEV], (f) => f === `${OUT}/include`));
    expect(asked.replacements.map((r) => [r.key, r.to])).toEqual([['prefix', OUT]]);
  });

  test('a resolver without exists() is no error (the file system is asked)', () => {
    const rewrite = planPkgconfig(parsePc(Buffer.from(text)), context('/nonexistent-unitfix/dev/lib/pkgconfig/x.pc', ['/nonexistent-unitfix/out', '/nonexistent-unitfix/dev']));
    expect(rewrite.replacements.map((r) => [r.key, r.to])).toEqual([['prefix', '/nonexistent-unitfix/dev']]);
  });
});
