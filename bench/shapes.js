// Closures of 1,000 store paths in several shapes, for `unitfix lint` against
// `grep -rl /usr`: a linter fast on one generator's tree proves little, so
// each shape leans on a different cost (bytes, folders, units, small
// configuration files, drop-in chains, the Debian corpus' mix).
import fs from 'node:fs';
import path from 'node:path';
import { makeOutput } from './generate.js';

const ELF = fs.readFileSync('/bin/true');

function write(file, content, mode = 0o644) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content, { mode });
}

/** `bytes` of an ELF-looking file: a real ELF header, then text with a /usr path every 64 KiB, as a binary's string table has. */
function bigBinary(bytes, seed) {
  const filler = Buffer.alloc(bytes - ELF.length, `data-${seed}-0123456789abcdef\0`);
  for (let at = 32 << 10; at + 40 < filler.length; at += 64 << 10) filler.write(`/usr/share/bench${seed}/data\0`, at);
  return Buffer.concat([ELF, filler]);
}

function service(name, exec, extra = []) {
  return `[Unit]\nDescription=${name}\nAfter=network.target\n\n[Service]\nExecStart=${exec}\n${extra.join('\n')}${extra.length ? '\n' : ''}Restart=on-failure\n\n[Install]\nWantedBy=multi-user.target\n`;
}

/** The shape the issue measured on: 87 files and 400 KiB a path, deep share/ trees of small data files, a .pc file every third path. */
function deepShare(root, p) {
  for (let i = 0; i < 6; i++) write(path.join(root, `lib/systemd/system/pkg${p}-${i}.service`), service(`pkg ${p} ${i}`, `/usr/bin/pkg${p}d --instance ${i}`));
  // Most of the issue's 481 MB: a program of 400 KiB a path.
  write(path.join(root, `bin/pkg${p}d`), bigBinary(400 << 10, p), 0o755);
  if (p % 3 === 0) write(path.join(root, `lib/pkgconfig/pkg${p}.pc`), `prefix=/usr\nlibdir=\${prefix}/lib\n\nName: pkg${p}\nDescription: d\nVersion: 1\nLibs: -L\${libdir}\n`);
  for (let i = 0; i < 80; i++) {
    const dir = `share/pkg${p}/${['data', 'themes', 'schemas', 'templates'][i % 4]}/${['a', 'b', 'c'][i % 3]}/${i % 5}/${i % 2 ? 'x' : 'y'}`;
    write(path.join(root, dir, `item${i}.dat`), i % 9 === 0 ? `path=/usr/share/pkg${p}/item${i}\n` : `value=${i}\n`);
  }
}

/** 3 programs and a library of 100–180 KiB each: few files, most of the bytes. */
function largeFiles(root, p) {
  write(path.join(root, `lib/systemd/system/pkg${p}.service`), service(`pkg ${p}`, `/usr/bin/pkg${p}`));
  for (let i = 0; i < 2; i++) write(path.join(root, `bin/pkg${p}${i ? `-helper${i}` : ''}`), bigBinary(100 << 10, p), 0o755);
  write(path.join(root, `lib/libpkg${p}.so.1`), bigBinary(180 << 10, p), 0o755);
  write(path.join(root, `share/pkg${p}/data.bin`), bigBinary(100 << 10, p));
}

/** 30 units a path (services, sockets, timers, templates, drop-ins) and the programs they run. */
function manyUnits(root, p) {
  for (let i = 0; i < 30; i++) {
    const dir = path.join(root, i % 5 === 4 ? 'lib/systemd/user' : 'lib/systemd/system');
    const kind = i % 6;
    if (kind === 0) write(path.join(dir, `u${p}-${i}.socket`), `[Socket]\nListenStream=/run/u${p}-${i}.sock\n\n[Install]\nWantedBy=sockets.target\n`);
    else if (kind === 1) write(path.join(dir, `u${p}-${i}.timer`), `[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n`);
    else if (kind === 2) write(path.join(dir, `u${p}-${i}@.service`), service(`template ${i}`, `/usr/bin/u${p}d ${i} %i`, ['User=nobody']));
    else if (kind === 3) write(path.join(dir, `u${p}-${i}.service.d/override.conf`), `[Service]\nExecStart=\nExecStart=/usr/bin/u${p}d --debug\n`);
    else write(path.join(dir, `u${p}-${i}.service`), service(`unit ${i}`, `/usr/bin/u${p}d ${i}`, [`ExecStartPre=/usr/libexec/u${p}/check`, 'ExecReload=/bin/kill -HUP $MAINPID']));
  }
  write(path.join(root, `bin/u${p}d`), '#!/bin/sh\n', 0o755);
  write(path.join(root, `libexec/u${p}/check`), '#!/bin/sh\n', 0o755);
  for (let i = 0; i < 10; i++) write(path.join(root, `share/doc/u${p}/note${i}`), 'Nothing under /usr here.\n');
}

/** 10 .pc files, 10 tmpfiles.d and 5 sysusers.d files a path, and 20 other files. */
function pcAndTmpfiles(root, p) {
  for (let i = 0; i < 10; i++) {
    write(path.join(root, `${i % 2 ? 'share' : 'lib'}/pkgconfig/pc${p}-${i}.pc`), `prefix=/usr\nexec_prefix=\${prefix}\nlibdir=\${exec_prefix}/lib\nincludedir=\${prefix}/include\nmoduledir=/usr/lib/pc${p}/modules\n\nName: pc${p}-${i}\nDescription: module\nVersion: 1.${i}\nRequires.private: zlib\nLibs: -L\${libdir} -lpc${i}\nCflags: -I\${includedir}/pc${p}\n`);
    write(path.join(root, `lib/tmpfiles.d/t${p}-${i}.conf`), `# state\nd /var/lib/t${p}-${i} 0750 root root -\nL+ /etc/t${p}-${i}.conf - - - - ../usr/share/t${p}/default.conf\nC /var/cache/t${p}-${i} - - - - /usr/share/t${p}/cache\nz /run/t${p}-${i} 0755 - - -\n`);
    if (i < 5) write(path.join(root, `lib/sysusers.d/s${p}-${i}.conf`), `u s${p}-${i} - "service ${i}" /var/lib/s${p}-${i} /usr/sbin/nologin\ng s${p}g${i} -\nm s${p}-${i} s${p}g${i}\n`);
  }
  for (let i = 0; i < 20; i++) write(path.join(root, `include/pc${p}/h${i}.h`), `#define DIR "/usr/lib"\n`);
}

/**
 * 4 units named a-b-c-d.service, each under drop-ins at every prefix of its
 * name (a-.service.d, a-b-.service.d, …), the type's (service.d) and its own:
 * systemd merges the whole chain, and the linter follows it.
 */
function dropinChains(root, p) {
  const dir = path.join(root, 'lib/systemd/system');
  const prefixes = ['', 'p', `p-g${p % 10}`, `p-g${p % 10}-s${p}`];
  for (let u = 0; u < 4; u++) {
    const name = `p-g${p % 10}-s${p}-u${u}`;
    write(path.join(dir, `${name}.service`), service(name, `/usr/bin/d${p}`, ['User=daemon']));
    write(path.join(dir, `${name}.service.d/10-own.conf`), `[Service]\nExecStartPost=/usr/bin/d${p} --ready ${u}\n`);
  }
  for (const prefix of prefixes) {
    const folder = prefix === '' ? 'service.d' : `${prefix}-.service.d`;
    for (let i = 0; i < 5; i++) write(path.join(dir, folder, `${i}0-level.conf`), `[Service]\nEnvironment=LEVEL=${prefix || 'top'}-${i}\nExecStartPre=/usr/libexec/d${p}/pre${i}\n${i === 2 ? 'User=nobody\n' : ''}`);
  }
  write(path.join(root, `bin/d${p}`), '#!/bin/sh\n', 0o755);
  for (let i = 0; i < 20; i++) write(path.join(root, `share/d${p}/f${i}.txt`), `file ${i}\n`);
}

/** The benchmark's first closure (bench/generate.js): 5 units, 7 programs, 88 other files a path. */
function generator(root, p) {
  makeOutput(root, { units: 5, other: 88, pc: p % 10 === 0 ? 1 : 0, tmpfiles: p % 20 === 0 ? 1 : 0, elf: p % 5 === 0 ? 1 : 0, scripts: 1 });
}

/** The synthetic shapes: name, what it leans on, and how one store path of it is made. */
export const SHAPES = [
  { name: 'generator', what: "bench/generate.js's closure: 5 units and 96 other files a path", make: generator },
  { name: 'deep-share', what: 'the issue\'s shape: 87 files a path, 80 of them tiny, 5 folders deep in share/, one 400 KiB program', make: deepShare },
  { name: 'large-files', what: '5 files a path, 3 programs and a data file of 100–180 KiB', make: largeFiles },
  { name: 'many-units', what: '30 units a path (sockets, timers, templates, drop-ins), 12 other files', make: manyUnits },
  { name: 'pc-tmpfiles', what: '10 .pc, 10 tmpfiles.d, 5 sysusers.d files a path, 20 headers', make: pcAndTmpfiles },
  { name: 'dropin-chains', what: '4 units a path under 25 drop-ins each (every prefix of their names), 21 other files', make: dropinChains },
];

function storeName(p, name) {
  return `${String(p).padStart(32, '0')}-${name}`;
}

/** `paths` store paths of a synthetic shape under `base`; their paths. */
export function makeShape(base, shape, paths) {
  fs.rmSync(base, { recursive: true, force: true });
  const roots = [];
  for (let p = 0; p < paths; p++) {
    const root = path.join(base, storeName(p, `${shape.name}${p}`));
    shape.make(root, p);
    roots.push(root);
  }
  return roots;
}

/**
 * The Debian corpus as a closure: each package's files laid out as a store
 * output (usr/X and X both at X, symlinks kept, as test/helpers/corpus-outputs.ts
 * does), the packages dealt round to `paths` store paths. Undefined without a corpus.
 */
export function makeDebianShape(base, corpus, paths) {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return undefined;
  const byPackage = new Map();
  for (const line of fs.readFileSync(manifest, 'utf8').trim().split('\n').slice(1)) {
    const [pkg, , file, , linkTarget] = line.split('\t');
    const list = byPackage.get(pkg) ?? [];
    list.push({ file, linkTarget: linkTarget ?? '' });
    byPackage.set(pkg, list);
  }
  const packages = [...byPackage.keys()].sort();
  fs.rmSync(base, { recursive: true, force: true });
  const roots = [];
  for (let p = 0; p < paths; p++) {
    const pkg = packages[p % packages.length];
    const root = path.join(base, storeName(p, pkg));
    for (const { file, linkTarget } of byPackage.get(pkg)) {
      const inPackage = file.slice(pkg.length + 1);
      const target = path.join(root, inPackage.startsWith('usr/') ? inPackage.slice(4) : inPackage);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (linkTarget !== '') fs.symlinkSync(linkTarget, target);
      else fs.copyFileSync(path.join(corpus, file), target);
    }
    roots.push(root);
  }
  return { roots, packages: packages.length };
}

/** Files, bytes and units of a closure, for the table. */
export function census(roots) {
  let files = 0;
  let bytes = 0;
  let units = 0;
  let pc = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) {
        files++;
        bytes += fs.statSync(full).size;
        if (/\/systemd\/(system|user)\//.test(full)) units++;
        if (entry.name.endsWith('.pc')) pc++;
      }
    }
  };
  for (const root of roots) visit(root);
  return { files, bytes, units, pc };
}
