import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { lintPaths } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';
import { classifyExecutable } from '../../src/resolve/fhs-path.js';
import { corpusEntries, describeIfCorpus } from '../helpers/corpus.js';
import { layOut } from '../helpers/corpus-outputs.js';
import { pkgconf } from '../helpers/pkgconf.js';
import { verifyUnits } from '../helpers/systemd-analyze.js';
import { hasTool } from '../helpers/tools.js';

/** Programs the corpus names (commands, env targets, shells), as a dependency would ship them. */
function stubDependency(root: string, dep: string): void {
  const words = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) for (const m of fs.readFileSync(full, 'latin1').matchAll(/(?:^|[\s=@"'!+:|-])(\/(?:usr\/)?(?:s?bin|lib|libexec)\/[\w.+@/-]+)/gm)) words.add(m[1]!);
    }
  };
  walk(root);
  for (const word of words) {
    const where = classifyExecutable(word, '/nix/store');
    if (where.kind !== 'fhs' || word.endsWith('/')) continue;
    const stub = path.join(dep, where.relative);
    if (fs.existsSync(stub)) continue;
    try {
      fs.mkdirSync(path.dirname(stub), { recursive: true });
      fs.writeFileSync(stub, '#!/bin/sh\n', { mode: 0o755 });
    } catch {
      // A prefix of another path (lib/modules and lib/modules/x): the folder wins.
    }
  }
}

describeIfCorpus('the library: fixPaths on the corpus, then lintPaths again (lint --fix in test/cli)', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-lint-fix-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = ['systemd', 'openssh-server', 'avahi-daemon', 'libsystemd-dev', 'libdbus-1-dev', 'dbus', 'polkitd', 'udev'];

  test.each(packages)('%s: no fixable finding is left, and the real tools still accept the files', async (pkg) => {
    const root = path.join(scratch, pkg, 'out');
    const dep = path.join(scratch, pkg, 'dep');
    layOut(corpusEntries().filter((e) => e.package === pkg), root);
    stubDependency(root, dep);
    const before = await lintPaths({ paths: [root], closure: [dep], storeDir: '/nix/store' });
    expect(before.findings.some((f) => f.fixable)).toBe(true);
    await fixPaths({ paths: [root], searchPath: [path.join(dep, 'bin'), path.join(dep, 'sbin')], dependencies: [dep], storeDir: '/nix/store' });
    const after = await lintPaths({ paths: [root], closure: [dep], storeDir: '/nix/store' });
    expect(after.findings.filter((f) => f.fixable).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    if (hasTool('systemd-analyze')) {
      const unitDir = path.join(root, 'lib/systemd/system');
      const units = fs.existsSync(unitDir) ? fs.readdirSync(unitDir).filter((n) => /\.(service|socket)$/.test(n) && fs.lstatSync(path.join(unitDir, n)).isFile()) : [];
      for (const [unit, verdict] of verifyUnits(units.map((u) => path.join(unitDir, u)))) {
        expect({ unit: path.basename(unit), commandsMissing: verdict.missingCommands.filter((c) => c.startsWith(scratch)) }).toEqual({ unit: path.basename(unit), commandsMissing: [] });
      }
    }
    for (const pcDir of ['lib/pkgconfig', 'share/pkgconfig', 'lib/x86_64-linux-gnu/pkgconfig'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d))) {
      for (const pc of fs.readdirSync(pcDir).filter((n) => n.endsWith('.pc'))) {
        expect({ pc, status: pkgconf([pcDir], ['--validate', pc.slice(0, -3)]).status }).toEqual({ pc, status: 0 });
      }
    }
  });
});

describeIfCorpus('each fixable rule: its planner alone (lint --fix), then lint: none of its fixable findings is left', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-rule-fix-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = ['systemd', 'openssh-server', 'avahi-daemon', 'libsystemd-dev', 'libdbus-1-dev', 'dbus', 'polkitd', 'udev'];
  /**
   * Fixable rules the corpus has no fixable finding of: their crafted cases
   * (test/rules/<id>.test.ts) prove them. The corpus keeps only the files
   * unitfix reads, so the /usr/share files arguments and tmpfiles.d links name
   * (tor's defaults, systemd's README.logs) are nowhere; and Debian ships no
   * argument-less C or L line.
   */
  const CRAFTED_ONLY = new Set(['tmpfiles-fhs-target', 'tmpfiles-implicit-source', 'unit-argument-fhs']);

  test.each(RULES.flatMap((r) => (r.meta.fixable === false ? [] : [[r.meta.id, r, r.meta.fixable] as const])))('%s', async (id, rule, planner) => {
    let fixableBefore = 0;
    for (const pkg of packages) {
      const root = path.join(scratch, id, pkg, 'out');
      const dep = path.join(scratch, id, pkg, 'dep');
      layOut(corpusEntries().filter((e) => e.package === pkg), root);
      stubDependency(root, dep);
      const lint = async () => (await lintPaths({ paths: [root], closure: [dep], storeDir: '/nix/store', rules: [rule] })).findings.filter((f) => f.fixable);
      fixableBefore += (await lint()).length;
      await fixPaths({ paths: [root], formats: [planner], searchPath: [path.join(dep, 'bin'), path.join(dep, 'sbin')], dependencies: [dep], storeDir: '/nix/store' });
      expect((await lint()).map((f) => `${path.relative(root, f.path)}:${f.line} ${f.message}`)).toEqual([]);
    }
    expect({ id, corpusHasFixableFindings: fixableBefore > 0 }).toEqual({ id, corpusHasFixableFindings: !CRAFTED_ONLY.has(id) });
  });
});
