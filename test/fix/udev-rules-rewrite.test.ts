import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';

/** A package tree as a hook build sees it: the output, and coreutils only in the fallback set. */
function tree(rules: string): { out: string; coreutils: string; file: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-udev-'));
  const out = path.join(root, 'out');
  const coreutils = path.join(root, 'coreutils');
  for (const program of [path.join(out, 'lib/udev/food-switch'), path.join(out, 'sbin/food'), path.join(coreutils, 'bin/chmod')]) {
    fs.mkdirSync(path.dirname(program), { recursive: true });
    fs.writeFileSync(program, '#!/bin/sh\n', { mode: 0o755 });
  }
  const file = path.join(out, 'lib/udev/rules.d/97-food.rules');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, rules);
  return { out, coreutils, file };
}

describe('unitfix fix on udev rules', () => {
  const rules = [
    '# food',
    'ACTION=="add", SUBSYSTEM=="usb", RUN+="food-switch --devpath=%p", \\',
    '  RUN+="/bin/chmod 0660 $devnode"',
    'KERNEL=="food*", PROGRAM="/usr/sbin/food %k", IMPORT{program}="cdrom_id", IMPORT{program}="path_id"',
    'KERNEL=="x", RUN+="$env{FOOD}/food", RUN{builtin}+="kmod load food"',
    '',
  ].join('\n');

  test('helpers from lib/udev become absolute, /bin/chmod comes from the fallback set, the rest stays byte for byte', async () => {
    const { out, coreutils, file } = tree(rules);
    const report = await fixPaths({ paths: [out], searchPath: [], fallback: [coreutils], durable: false });
    expect(report.files.map((f) => [f.format, f.status])).toEqual([['udev-rules', 'changed']]);
    expect(fs.readFileSync(file, 'utf8')).toBe(
      rules
        .replace('RUN+="food-switch', `RUN+="${out}/lib/udev/food-switch`)
        .replace('/bin/chmod', `${coreutils}/bin/chmod`)
        .replace('/usr/sbin/food', `${out}/sbin/food`),
    );
    expect(report.fallbackReferences.map((r) => [r.line, r.from, r.package])).toEqual([[3, '/bin/chmod', coreutils]]);
    expect(report.files[0]!.problems.map((p) => [p.line, p.key, p.kind, p.message])).toEqual([[5, 'RUN', 'substitution', expect.stringMatching(/\$env\{FOOD\}\/food\) is made by a udev substitution; left as it is/)]]);
    const again = await fixPaths({ paths: [out], searchPath: [], fallback: [coreutils], durable: false });
    expect(again.files[0]!.status).toBe('unchanged');
  });

  test('a helper of systemd (cdrom_id) and a built-in are left without a word; an unknown helper is reported', async () => {
    const { out, file } = tree('RUN+="nosuch-helper", IMPORT{program}="scsi_id --export"\n');
    const report = await fixPaths({ paths: [out], searchPath: [], durable: false });
    expect(report.files[0]!.status).toBe('unchanged');
    expect(report.files[0]!.problems.map((p) => [p.key, p.kind, p.message])).toEqual([['RUN', 'unresolved', expect.stringMatching(/^RUN runs nosuch-helper from udev's own folder, which is systemd's/)]]);
    expect(fs.readFileSync(file, 'utf8')).toBe('RUN+="nosuch-helper", IMPORT{program}="scsi_id --export"\n');
  });

  test('an absolute program found nowhere, and one written with an escape, are reported and left', async () => {
    const rules = 'RUN+="/usr/bin/nosuch %k"\nPROGRAM=e"/usr/sbin/fo\\x6fd"\n';
    const { out, file } = tree(rules);
    const report = await fixPaths({ paths: [out], searchPath: [], durable: false });
    expect(report.files[0]!.status).toBe('unchanged');
    expect(report.files[0]!.problems.map((p) => [p.line, p.key, p.kind, p.message])).toEqual([
      [1, 'RUN', 'unresolved', expect.stringMatching(/^cannot resolve RUN program \/usr\/bin\/nosuch: .*; left as it is$/)],
      [2, 'PROGRAM', 'not-plain', `the program of PROGRAM (/usr/sbin/food) is quoted, escaped or split across lines; it is at ${out}/sbin/food; left as it is`],
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(rules);
  });
});
