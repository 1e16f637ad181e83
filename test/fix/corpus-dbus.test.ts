import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixPaths } from '../../src/fix/fix.js';
import { parseDbusService } from '../../src/formats/dbus/parse.js';
import { printDbusService } from '../../src/formats/dbus/print.js';
import { fhsFileRelative } from '../../src/resolve/fhs-path.js';
import { corpusDir, corpusEntries, describeIfCorpus } from '../helpers/corpus.js';
import { layOut, outputRelative, packagesWith } from '../helpers/corpus-outputs.js';
import { describeIfPresent } from '../helpers/skip.js';
import { corpusMissing } from '../helpers/corpus.js';
import { missingTool } from '../helpers/tools.js';
import { layRecorder, startPrivateBus, takeRecordedArgv } from '../helpers/dbus-daemon.js';

const KINDS = ['dbus-session-service', 'dbus-system-service'];

describeIfCorpus('Debian D-Bus activation files: parsed as dbus-daemon reads them', () => {
  const entries = corpusEntries(KINDS);

  test('the corpus has them (services and system-services, a symlink among them)', () => {
    expect(entries.length).toBeGreaterThanOrEqual(25);
    expect(entries.some((e) => e.linkTarget !== '')).toBe(true);
  });

  test.each(entries.map((e) => [e.path]))('%s: loads, prints back byte for byte, one program', (file) => {
    const bytes = fs.readFileSync(path.join(corpusDir(), file));
    const parsed = parseDbusService(bytes);
    expect(printDbusService(parsed).equals(bytes)).toBe(true);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.loads).toBe(true);
    expect(parsed.service.argv?.ok).toBe(true);
    expect(path.basename(file)).toBe(`${parsed.service.name!.value}.service`);
  });
});

/**
 * Every package's activation files laid out as a store output, fixed with
 * coreutils' place taken by a fallback folder, then started by a private
 * dbus-daemon before and after: before, it loads each file (nothing is
 * started: the /usr programs may be installed on the machine); after, the recorder laid where the rewritten Exec= points gets exactly the
 * argv we parsed with only the program changed.
 */
describeIfPresent(corpusMissing() ?? missingTool('dbus-daemon') ?? missingTool('dbus-send'), 'Debian D-Bus activation files fixed and activated by dbus-daemon', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-dbus-corpus-'));
  const fallback = path.join(scratch, 'coreutils');
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  const packages = [...packagesWith(KINDS).entries()];

  interface Service {
    readonly name: string;
    readonly bus: 'services' | 'system-services';
    readonly argv: string[];
    readonly before: Buffer;
    readonly file: string;
    /** Where the program is expected after the fix. */
    readonly program: string;
  }
  const services: Service[] = [];

  beforeAll(async () => {
    layRecorder(path.join(fallback, 'bin/false'));
    for (const [pkg, list] of packages) {
      const out = path.join(scratch, 'out', pkg);
      layOut(list, out);
      for (const entry of list) {
        if (entry.linkTarget !== '') continue;
        const file = path.join(out, outputRelative(entry));
        const before = fs.readFileSync(file);
        const parsed = parseDbusService(before);
        const argv = parsed.service.argv?.ok ? parsed.service.argv.words.map((w) => w.value) : [];
        const relative = fhsFileRelative(argv[0]!)!;
        // /bin/false is coreutils': only the fallback set has it. Everything else the package itself ships.
        const program = argv[0] === '/bin/false' ? path.join(fallback, 'bin/false') : path.join(out, relative);
        if (argv[0] !== '/bin/false') layRecorder(program);
        services.push({ name: parsed.service.name!.value!, bus: path.basename(path.dirname(file)) as Service['bus'], argv, before, file, program });
      }
    }
  });

  test('before the fix, dbus-daemon loads each file (it can activate every name)', async () => {
    for (const bus of ['services', 'system-services'] as const) {
      const dir = path.join(scratch, `before-${bus}`);
      fs.mkdirSync(dir);
      const mine = services.filter((s) => s.bus === bus);
      for (const s of mine) fs.writeFileSync(path.join(dir, path.basename(s.file)), s.before);
      const daemon = await startPrivateBus(fs.mkdtempSync(path.join(scratch, 'bus-')), dir);
      try {
        // Not activated: the /usr programs may be installed here, and must not be started by a test.
        const names = daemon.activatableNames();
        for (const s of mine) expect(names).toContain(s.name);
      } finally {
        daemon.stop();
      }
    }
  });

  test('unitfix fix rewrites only the program of each Exec=, from the outputs or the fallback set; a second run changes nothing', async () => {
    for (const [pkg] of packages) {
      const out = path.join(scratch, 'out', pkg);
      const report = await fixPaths({ paths: [out], searchPath: [], fallback: [fallback], durable: false });
      for (const outcome of report.files) expect(outcome.problems).toEqual([]);
      const again = await fixPaths({ paths: [out], searchPath: [], fallback: [fallback], durable: false });
      expect(again.files.every((f) => f.status === 'unchanged')).toBe(true);
    }
    for (const s of services) {
      const after = fs.readFileSync(s.file, 'latin1');
      const expected = s.before.toString('latin1').replace(`Exec=${s.argv[0]}`, `Exec=${s.program}`);
      expect(after).toBe(expected);
    }
    expect(services.filter((s) => s.program.startsWith(fallback)).length).toBeGreaterThanOrEqual(10);
  });

  test('after the fix, dbus-daemon runs the rewritten program with the argv we parse from the rewritten file', async () => {
    let started = 0;
    for (const bus of ['services', 'system-services'] as const) {
      const dir = path.join(scratch, `after-${bus}`);
      fs.mkdirSync(dir);
      const mine = services.filter((s) => s.bus === bus);
      for (const s of mine) fs.copyFileSync(s.file, path.join(dir, path.basename(s.file)));
      const daemon = await startPrivateBus(fs.mkdtempSync(path.join(scratch, 'bus-')), dir);
      try {
        for (const s of mine) {
          daemon.activate(s.name);
          const recorded = takeRecordedArgv(s.program);
          const reparsed = parseDbusService(fs.readFileSync(s.file)).service.argv!;
          expect(reparsed.ok && reparsed.words.map((w) => w.value)).toEqual(recorded);
          expect(recorded).toEqual([s.program, ...s.argv.slice(1)]);
          started++;
        }
      } finally {
        daemon.stop();
      }
    }
    expect(started).toBe(services.length);
  });
});
