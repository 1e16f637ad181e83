import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { describeIfCorpusAndTool } from '../helpers/corpus.js';
import { layOut, packagesWith } from '../helpers/corpus-outputs.js';
import { pkgconf } from '../helpers/pkgconf.js';

/** Every path that starts with /usr (or /lib, /etc) in pkgconf's output, moved under the new prefix. */
function moved(output: string, prefix: string): string {
  return output.replace(/(^|[\s=,:]|-[IL])\/usr(?=\/|\s|$)/g, `$1${prefix}`).replace(/(^|[\s=,:]|-[IL])\/(etc|lib)(?=\/|\s|$)/g, `$1${prefix}/$2`);
}

describeIfCorpusAndTool('pkgconf', 'Debian .pc files rewritten by unitfix fix, read by the real pkgconf', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-pc-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  // Stubs for every package a corpus file requires, so pkgconf answers for each file.
  const stubs = path.join(scratch, 'stubs');
  fs.mkdirSync(stubs);
  const packages = [...packagesWith(['pkgconfig']).entries()];
  let rewritten = 0;

  test.each(packages.map(([name, entries]) => [name, entries] as const))('%s', async (pkg, entries) => {
    const orig = path.join(scratch, 'orig', pkg);
    const out = path.join(scratch, 'fixed', pkg);
    const originals = layOut(entries, orig).filter((f) => f.endsWith('.pc') && !fs.lstatSync(f).isSymbolicLink());
    layOut(entries, out);
    const report = await fixPaths({ paths: [out], searchPath: [] });
    expect(report.files.filter((f) => f.status === 'error')).toEqual([]);
    rewritten += report.files.filter((f) => f.status === 'changed').length;
    for (const file of originals) {
      const name = path.basename(file, '.pc');
      const fixedFile = file.replace(orig, out);
      const all = { PKG_CONFIG_ALLOW_SYSTEM_CFLAGS: '1', PKG_CONFIG_ALLOW_SYSTEM_LIBS: '1' };
      for (const query of [['--cflags'], ['--libs'], ['--modversion'], ['--validate']]) {
        const before = pkgconf([path.dirname(file), stubs], [...query, name], all);
        const after = pkgconf([path.dirname(fixedFile), stubs], [...query, name], all);
        expect({ query, status: after.status }).toEqual({ query, status: before.status });
        expect(after.stdout).toBe(moved(before.stdout, out).replaceAll(path.dirname(file), path.dirname(fixedFile)));
      }
      // Nothing under /usr or /lib is left in the variables pkgconf reports (systemd.pc's
      // ${root_prefix}/lib/systemd included).
      const variables = pkgconf([path.dirname(fixedFile), stubs], ['--print-variables', name]).stdout.split('\n').filter(Boolean);
      for (const variable of variables) {
        const value = pkgconf([path.dirname(fixedFile), stubs], [`--variable=${variable}`, name]).stdout;
        expect({ variable, value, fhs: /^\/(usr|lib|lib64)(\/|$)/.test(value) }).toEqual({ variable, value, fhs: false });
      }
    }
  });

  beforeAll(() => {
    for (const [, entries] of packages) {
      for (const entry of entries) {
        const text = fs.readFileSync(path.join(process.env['UNITFIX_CORPUS']!, entry.path), 'latin1');
        for (const match of text.matchAll(/^Requires(?:\.private)?\s*:(.*)$/gim)) {
          for (const dep of match[1]!.split(/[\s,]+/).filter((w) => /^[A-Za-z]/.test(w))) {
            const stub = path.join(stubs, `${dep}.pc`);
            if (!fs.existsSync(stub)) fs.writeFileSync(stub, `Name: ${dep}\nDescription: stub\nVersion: 999999\n`);
          }
        }
      }
    }
  });

  test('the corpus gave the fixer real work', () => {
    expect(rewritten).toBeGreaterThan(20);
  });
});
