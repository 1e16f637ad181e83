import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { isCommandKey } from '../../src/formats/unit/command-keys.js';
import { parseCommandLines } from '../../src/formats/unit/command-line.js';
import { parseUnit } from '../../src/formats/unit/parse.js';
import { classifyExecutable, fhsFileRelative } from '../../src/resolve/fhs-path.js';
import { describeIfCorpusAndTool } from '../helpers/corpus.js';
import { layOut, packagesWith } from '../helpers/corpus-outputs.js';
import { verifyUnits } from '../helpers/systemd-analyze.js';
import { bashReading, shellAccepts, unitShellScripts } from '../helpers/shell-scripts.js';

/** Every command of every command setting, as its argv (prefixes, executable, argv0, arguments), in file order. */
function commandVectors(bytes: Buffer): string[][] {
  const vectors: string[][] = [];
  for (const section of parseUnit(bytes).sections) {
    for (const a of section.assignments) {
      if (!isCommandKey(section.name, a.key) || a.rawValue === '') continue;
      for (const c of parseCommandLines(a.rawValue).commands) vectors.push([`${a.key}=${c.prefixText}`, c.path, ...(c.argv0 ? [c.argv0.value] : []), ...c.args.map((w) => w.value)]);
    }
  }
  return vectors;
}

/** Every FHS file path written anywhere in a unit (arguments, scripts, settings), as an output-relative path. */
function referencedFiles(unitFile: string): string[] {
  const found: string[] = [];
  for (const m of fs.readFileSync(unitFile, 'latin1').matchAll(/(?:^|[\s=:'"!|+-])(\/(?:usr\/(?:local\/)?)?(?:s?bin|lib|lib64|libexec|share)\/[\w.+@/-]*[\w.+@/-])/gm)) {
    const relative = fhsFileRelative(m[1]!);
    if (relative !== undefined) found.push(relative);
  }
  return found;
}

/** Every executable the package's command lines name, as an output-relative path. */
function referencedExecutables(unitFile: string): string[] {
  const unit = parseUnit(fs.readFileSync(unitFile));
  const found: string[] = [];
  for (const section of unit.sections) {
    for (const a of section.assignments) {
      if (!isCommandKey(section.name, a.key)) continue;
      for (const command of parseCommandLines(a.rawValue).commands) {
        const names = [command.path];
        const program = command.args[0]?.value;
        if (command.path.endsWith('/env') && program && !program.startsWith('-') && !program.includes('=')) names.push(program);
        for (const name of names) {
          const where = classifyExecutable(name, '/nix/store');
          if (where.kind === 'fhs' || where.kind === 'bare') found.push(where.relative);
        }
      }
    }
  }
  return found;
}

describeIfCorpusAndTool('systemd-analyze', 'Debian units rewritten by unitfix fix still pass systemd-analyze verify', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-corpus-verify-'));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = [...packagesWith(['unit', 'unit-dropin']).entries()];
  const totals = { changed: 0, replacements: 0, unchanged: 0, messagesBefore: 0, scripts: 0, inScripts: 0, arguments: 0, settings: 0, vectors: 0 };
  const problems: string[] = [];

  test.each(packages.map(([name, entries]) => [name, entries] as const))('%s', async (pkg, entries) => {
    const orig = path.join(scratch, 'orig', pkg);
    const fixed = path.join(scratch, 'fixed', pkg);
    const dep = path.join(scratch, 'dep', pkg);
    layOut(entries, orig);
    const files = layOut(entries, fixed);
    // A dependency that has every program the units name, so each rewrite can land somewhere real.
    for (const file of files) {
      if (fs.lstatSync(file).isSymbolicLink()) continue;
      for (const relative of referencedExecutables(file)) {
        const stub = path.join(dep, relative);
        fs.mkdirSync(path.dirname(stub), { recursive: true });
        fs.writeFileSync(stub, '#!/bin/sh\n', { mode: 0o755 });
      }
    }
    // And every other file they name (configuration, data, helpers given as arguments or in settings);
    // folders (written with a trailing '/') first, so that a looser mention does not take their place.
    const named = [...new Set(files.filter((f) => !fs.lstatSync(f).isSymbolicLink()).flatMap(referencedFiles))];
    for (const relative of named.sort((a, b) => Number(b.endsWith('/')) - Number(a.endsWith('/')))) {
      const stub = path.join(dep, relative);
      if (fs.existsSync(stub)) continue;
      try {
        if (relative.endsWith('/')) fs.mkdirSync(stub, { recursive: true });
        else {
          fs.mkdirSync(path.dirname(stub), { recursive: true });
          fs.writeFileSync(stub, '#!/bin/sh\n', { mode: 0o755 });
        }
      } catch {
        // A prefix of another path (lib/foo and lib/foo/bar): the folder wins.
      }
    }
    const report = await fixPaths({ paths: [fixed], searchPath: [path.join(dep, 'bin'), path.join(dep, 'sbin')], storeDir: '/nix/store' });
    for (const f of report.files) {
      expect(f.status).not.toBe('error');
      // Scripts of sh -c / bash -c: the shell still accepts them and reads the same words; only paths differ.
      if (f.status === 'changed' && !fs.lstatSync(f.path).isSymbolicLink()) {
        const before = unitShellScripts(fs.readFileSync(f.path.replace(fixed, orig)));
        const after = unitShellScripts(fs.readFileSync(f.path));
        expect(after.length).toBe(before.length);
        after.forEach((script, i) => {
          if (!shellAccepts(before[i]!)) return;
          totals.scripts++;
          expect({ script: script.script, accepted: shellAccepts(script) }).toEqual({ script: script.script, accepted: true });
          let read = bashReading(script.script);
          for (const r of f.replacements) read = read?.replaceAll(r.to, r.from);
          expect(read).toBe(bashReading(before[i]!.script));
        });
      }
      // Every command keeps its vector: the same words in the same order, but for the paths the fix
      // reports replacing (an executable, an argument, a word of a script).
      if (f.status === 'changed' && !fs.lstatSync(f.path).isSymbolicLink()) {
        const undo = (word: string) => f.replacements.reduce((w, r) => w.replaceAll(r.to, r.from), word);
        const before = commandVectors(fs.readFileSync(f.path.replace(fixed, orig)));
        const after = commandVectors(fs.readFileSync(f.path)).map((vector) => vector.map(undo));
        expect(after).toEqual(before);
        totals.vectors += before.length;
      }
      if (f.status === 'changed') totals.changed++;
      else totals.unchanged++;
      totals.replacements += f.replacements.length;
      for (const r of f.replacements) {
        if (r.kind === 'shell') totals.inScripts++;
        if (r.kind === 'argument') totals.arguments++;
        if (r.kind === 'setting') totals.settings++;
      }
      problems.push(...f.problems.map((p) => `${pkg}: ${path.basename(f.path)}:${p.line}: ${p.message}`));
    }
    const units = entries.filter((e) => e.kind === 'unit' && e.linkTarget === '').map((e) => path.relative(path.join(scratch, 'orig', pkg), files[entries.indexOf(e)]!.replace(fixed, orig)));
    if (units.length === 0) return;
    const before = verifyUnits(units.map((u) => path.join(orig, u)));
    const after = verifyUnits(units.map((u) => path.join(fixed, u)));
    const normal = (messages: readonly string[], root: string) => new Set(messages.map((m) => m.replaceAll(root, 'OUT')));
    const added: string[] = [];
    for (const unit of units) {
      totals.messagesBefore += before.get(path.join(orig, unit))!.messages.length;
      const was = normal(before.get(path.join(orig, unit))!.messages, orig);
      for (const message of normal(after.get(path.join(fixed, unit))!.messages, fixed)) {
        if (!was.has(message)) added.push(message);
      }
    }
    expect(added).toEqual([]);
  });

  test('the corpus gave the fixer real work', () => {
    // Regression guard: bookworm's units name hundreds of /usr, /bin, /sbin and /lib commands.
    expect(totals.changed).toBeGreaterThan(150);
    expect(totals.replacements).toBeGreaterThan(250);
    expect(totals.vectors).toBeGreaterThan(250); // bookworm: 295 commands in rewritten files
    // "No new message" means something only if systemd-analyze's messages are read at all: the
    // original units name programs this machine lacks, and each one is a message.
    expect(totals.messagesBefore).toBeGreaterThan(50);
    // Arguments, scripts and settings gave it work too, and scripts were compared by the shell.
    // (bookworm: 7 scripts read, 4 paths in them, 3 arguments such as tor's --defaults-torrc, 20 settings.)
    expect(totals.scripts).toBeGreaterThanOrEqual(5);
    expect(totals.inScripts).toBeGreaterThanOrEqual(3);
    expect(totals.arguments).toBeGreaterThanOrEqual(2);
    expect(totals.settings).toBeGreaterThanOrEqual(10);
    // With every program present, what is left unresolved is only what cannot be rewritten with certainty.
    expect(problems.filter((p) => !/specifiers|user's shell|setuid wrapper/.test(p))).toEqual([]);
  });
});
