// Synthetic store trees for the benchmarks, shaped like the Debian corpus:
// units (with drop-ins and templates), .pc, tmpfiles.d and sysusers.d files,
// programs the units run, ELF binaries and scripts with embedded paths, and
// many unrelated files (docs, locales, headers).
import fs from 'node:fs';
import path from 'node:path';

const ELF = fs.readFileSync('/bin/true');

function write(file, content, mode = 0o644) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
}

function unit(i, kind) {
  const lines = [
    '# Generated for the unitfix benchmark.',
    '[Unit]',
    `Description=Benchmark daemon ${i}`,
    'Documentation=man:bench(8)',
    'After=network.target',
    '',
    '[Service]',
    'Type=notify',
    `EnvironmentFile=-/etc/default/bench${i}`,
    `ExecStartPre=/usr/libexec/bench/bench-check --config /etc/bench/${i}.conf`,
    `ExecStart=/usr/bin/benchd${i % 50} --foreground \\`,
    '          --listen 0.0.0.0:8080',
    'ExecReload=/bin/kill -HUP $MAINPID',
    kind === 'template' ? 'ExecStop=/usr/bin/benchctl stop %i' : 'ExecStop=/usr/bin/benchctl stop',
    'Restart=on-failure',
    'ProtectSystem=strict',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ];
  return lines.join('\n');
}

/**
 * A store output: `units` units (a tenth drop-ins, a tenth templates), the
 * programs they run, `other` unrelated files, some ELF files and scripts.
 */
export function makeOutput(root, { units = 0, other = 0, elf = 0, scripts = 0, pc = 0, tmpfiles = 0 } = {}) {
  for (let i = 0; i < units; i++) {
    const kind = i % 10 === 1 ? 'dropin' : i % 10 === 2 ? 'template' : 'unit';
    const file =
      kind === 'dropin'
        ? `lib/systemd/system/bench${i}.service.d/override.conf`
        : kind === 'template'
          ? `lib/systemd/system/bench${i}@.service`
          : `lib/systemd/system/bench${i}.service`;
    write(path.join(root, file), kind === 'dropin' ? `[Service]\nExecStart=\nExecStart=/usr/bin/benchd${i % 50} --debug\n` : unit(i, kind));
  }
  if (units > 0) {
    // The daemons the units run (unit i runs benchd<i % 50>).
    for (let i = 0; i < Math.min(units, 50); i++) write(path.join(root, `bin/benchd${i}`), '#!/bin/sh\n', 0o755);
    write(path.join(root, 'bin/benchctl'), '#!/bin/sh\n', 0o755);
    write(path.join(root, 'libexec/bench/bench-check'), '#!/bin/sh\n', 0o755);
  }
  for (let i = 0; i < pc; i++) write(path.join(root, `lib/pkgconfig/bench${i}.pc`), `prefix=/usr\nlibdir=\${prefix}/lib\nincludedir=\${prefix}/include\n\nName: bench${i}\nDescription: bench\nVersion: 1.0\nLibs: -L\${libdir} -lbench${i}\nCflags: -I\${includedir}\n`);
  for (let i = 0; i < tmpfiles; i++) {
    write(path.join(root, `lib/tmpfiles.d/bench${i}.conf`), `d /run/bench${i} 0755 root root -\nL /etc/bench${i}.conf - - - - ../usr/share/bench/default.conf\n`);
    write(path.join(root, `lib/sysusers.d/bench${i}.conf`), `u bench${i} - "Benchmark" /var/lib/bench${i} /usr/sbin/nologin\n`);
  }
  for (let i = 0; i < elf; i++) write(path.join(root, `lib/libbench${i}.so`), ELF, 0o755);
  for (let i = 0; i < scripts; i++) write(path.join(root, `bin/bench-script${i}`), `#!/bin/sh\n# reads /usr/share/bench/data${i}\nexec cat /etc/bench/${i}.conf\n`, 0o755);
  for (let i = 0; i < other; i++) {
    const dir = ['share/doc/bench', 'share/locale/de/LC_MESSAGES', 'include/bench', 'share/bench/data'][i % 4];
    write(path.join(root, `${dir}/file${i}.txt`), `Benchmark file ${i}.\n${i % 7 === 0 ? 'See /usr/share/doc for more.\n' : 'Nothing to see.\n'}`.repeat(8));
  }
}

/** The outputs the hook and fix are timed on (the closures are bench/shapes.js'). `scale` shrinks them for --quick. */
export function makeTrees(base, scale = 1) {
  const n = (x) => Math.max(1, Math.round(x * scale));
  const trees = {
    empty: path.join(base, 'no-units'),
    units: path.join(base, 'units-200'),
    fix: path.join(base, 'units-2000'),
    outputs: path.join(base, 'output-with-units'),
  };
  fs.rmSync(base, { recursive: true, force: true });
  makeOutput(trees.empty, { other: n(1900), elf: n(50), scripts: n(50) });
  makeOutput(trees.units, { units: n(200), other: n(500), pc: 5, tmpfiles: 5, elf: n(20), scripts: n(20) });
  makeOutput(trees.fix, { units: n(2000) });
  makeOutput(trees.outputs, { units: n(50), other: n(100), pc: 2, tmpfiles: 2 });
  return trees;
}
