import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { NEWEST_KNOWN_SYSTEMD } from '../formats/systemd-version.js';
import { lintPaths } from '../lint/engine.js';
import { closureOf } from '../lint/closure.js';
import { severitySettings } from '../lint/settings.js';
import type { Severity } from '../lint/types.js';
import type { AnyRule } from '../lint/rule.js';
import { splitSystemdLines } from '../text/systemd-lines.js';
import { buildRoot } from './build-root.js';
import { crossCheck } from './cross-checks.js';
import { readImageFiles } from './image-files.js';
import type { Draft, ImageFinding } from './image-finding.js';
import { isImageRule } from './image-rule.js';
import { DEFAULT_LAYOUT, type Layout } from './layout.js';
import { NO_NEIGHBOURS, hostNeighbours } from './neighbours.js';
import { findSystemd, runStep, type StepRun, type SystemdTools } from './systemd-tools.js';
import { interpretMessages } from './tool-messages.js';
import { UsageError } from '../usage-error.js';

export interface ImageCheckOptions {
  /** The store paths of the closure. */
  readonly paths: readonly string[];
  /** Store paths whose closures (nix-store --query --requisites) join `paths` (image-check --closure). */
  readonly closureOf?: readonly string[];
  /** Store paths of a known-good system: what the check reports on them alone is left out of the report. */
  readonly base?: readonly string[];
  readonly layout?: Layout;
  /** Also run systemd-analyze verify on every system unit (costly). */
  readonly verify?: boolean;
  /** Per image rule: a severity, or 'off'. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /** `ID=error|warning|info|off` over `severities`, as image-check's --rule takes them. */
  readonly rule?: readonly string[];
  readonly storeDir?: string;
  /** Build the image in this (empty or missing) folder and leave it there, to look at. */
  readonly keepRoot?: string;
  /** The systemd to use instead of looking one up (tests). */
  readonly tools?: SystemdTools;
  /** Prefixes whose lib/sysusers.d and lib/systemd tell a missing neighbour (default: the host's /usr, when the tools are the host's). */
  readonly neighbourPrefixes?: readonly string[];
}

export interface StepTiming {
  readonly step: string;
  readonly argv: readonly string[];
  readonly status: number | null;
  readonly milliseconds: number;
}

export interface ImageCheckReport {
  readonly findings: readonly ImageFinding[];
  /** Which systemd built the image, and why that one. */
  readonly systemd: string;
  readonly layout: string;
  /** The image build step by step, then unitfix's own work, in the order they ran. */
  readonly steps: readonly StepTiming[];
  /** Files copied into the image's folders. */
  readonly filesCopied: number;
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  /** Findings left out because the baseline has them too. */
  readonly inBaseline: number;
  readonly rules: readonly AnyRule[];
}

/** Something that stops the check before any finding: no systemd, no store path. */
export class ImageCheckError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ImageCheckError';
  }
}

/** lint's rules for what the image shows but its tools do not say: a command under /etc, a snippet without .conf. */
const PER_FILE_RULES: readonly AnyRule[] = RULES.filter((r) => r.meta.id === 'unit-command-in-etc' || r.meta.id === 'conf-suffix-missing');

export const IMAGE_RULES: readonly AnyRule[] = [...RULES.filter(isImageRule), ...PER_FILE_RULES];

async function perFileDrafts(paths: readonly string[], storeDir: string | undefined): Promise<Draft[]> {
  const report = await lintPaths({ paths, rules: PER_FILE_RULES, sourceLines: false, readers: 0, ...(storeDir ? { storeDir } : {}) });
  return report.findings.map((f) => ({ ruleId: f.ruleId, path: f.path, line: f.line, column: f.column, message: f.message, cause: 'defect', source: 'lint', subject: f.message }));
}

/** What a finding is about, without store hashes and line numbers: the same defect in a baseline and in a closure built later. */
function baselineKey(d: { ruleId: string; path: string; subject?: string; message: string }): string {
  const strip = (s: string) => s.replace(/\/[^/\s]*\/store\/[a-z0-9]{32}-/g, '/store/');
  return `${d.ruleId}\0${strip(d.path)}\0${strip(d.subject ?? d.message)}`;
}

function timed<T>(steps: StepTiming[], step: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  steps.push({ step, argv: [], status: 0, milliseconds: performance.now() - started });
  return result;
}

/** Runs an image build over the closure and reports what its tools and the cross-checks find, traced to store files. */
export async function imageCheck(given: ImageCheckOptions): Promise<ImageCheckReport> {
  const severities = { ...given.severities, ...severitySettings(given.rule ?? [], IMAGE_RULES.map((r) => r.meta.id), 'image-check rule') };
  const closure = given.closureOf && given.closureOf.length > 0 ? await closureOf(given.closureOf) : [];
  const options = { ...given, paths: [...given.paths, ...closure], severities };
  const { drafts, report } = checkOnce({ ...options, paths: [...(options.base ?? []), ...options.paths] });
  drafts.push(...(await perFileDrafts([...(options.base ?? []), ...options.paths], options.storeDir)));
  let known = new Set<string>();
  if (options.base && options.base.length > 0) {
    const { keepRoot: _, ...rest } = options;
    known = new Set([...checkOnce({ ...rest, paths: options.base }).drafts, ...(await perFileDrafts(options.base, options.storeDir))].map(baselineKey));
  }
  const severity = new Map([...IMAGE_RULES, ...PER_FILE_RULES].map(({ meta: r }) => [r.id, options.severities?.[r.id] ?? r.severity]));
  const findings: ImageFinding[] = [];
  let inBaseline = 0;
  for (const d of drafts) {
    if (known.has(baselineKey(d))) {
      inBaseline++;
      continue;
    }
    const chosen = severity.get(d.ruleId) ?? 'warning';
    if (chosen === 'off') continue;
    const { subject: _, ...rest } = d;
    findings.push({ ...rest, severity: d.cause === 'neighbour' ? 'info' : chosen, fixable: false, ...sourceLine(d.path, d.line) });
  }
  findings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1)));
  return { ...report, findings, inBaseline };
}

const lineCache = new Map<string, string[] | undefined>();
function sourceLine(file: string, line: number): { sourceLine?: string } {
  if (!lineCache.has(file)) {
    try {
      const text = fs.readFileSync(file, 'latin1');
      lineCache.set(file, text.length > 4 << 20 ? undefined : splitSystemdLines(text).map((l) => text.slice(l.start, l.contentEnd)));
    } catch {
      lineCache.set(file, undefined);
    }
  }
  const found = lineCache.get(file)?.[line - 1];
  return found === undefined ? {} : { sourceLine: found };
}

function checkOnce(options: ImageCheckOptions): { drafts: Draft[]; report: Omit<ImageCheckReport, 'findings' | 'inBaseline'> } {
  if (options.paths.length === 0) throw new ImageCheckError('name the store paths of the closure to check');
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const resolvedPaths = options.paths.map((p) => {
    try {
      return fs.realpathSync.native(p);
    } catch {
      return p;
    }
  });
  const tools = options.tools ?? findSystemd(resolvedPaths);
  if (!tools.bin) throw new ImageCheckError(tools.description);
  const storeDir = path.resolve(options.storeDir ?? process.env['NIX_STORE'] ?? '/nix/store');
  const dialect = { systemdVersion: tools.version ?? NEWEST_KNOWN_SYSTEMD };
  const root = options.keepRoot ? path.resolve(options.keepRoot) : fs.mkdtempSync(path.join(os.tmpdir(), 'unitfix-image-'));
  fs.mkdirSync(root, { recursive: true });
  if (fs.readdirSync(root).length > 0) throw new ImageCheckError(`${root}: the image is built in an empty folder, and this one is not`);
  const steps: StepTiming[] = [];
  try {
    const built = timed(steps, 'build the root', () => buildRoot(options.paths, root, layout));
    const files = timed(steps, 'parse the image files', () => readImageFiles(built, dialect));
    const bin = (name: string) => path.join(tools.bin!, name);
    const runs: StepRun[] = [];
    const run = (step: string, argv: string[]) => {
      const r = runStep(step, argv, tools);
      runs.push(r);
      steps.push({ step, argv: r.argv, status: r.status, milliseconds: r.milliseconds });
    };
    // In the order an image build runs them: accounts first, then the files they own, then enablement.
    run('systemd-sysusers', [bin('systemd-sysusers'), `--root=${root}`]);
    run('systemd-tmpfiles', [bin('systemd-tmpfiles'), `--root=${root}`, '--create', '--boot']);
    run('systemctl preset-all', [bin('systemctl'), `--root=${root}`, 'preset-all']);
    run('systemctl --global preset-all', [bin('systemctl'), `--root=${root}`, '--global', 'preset-all']);
    if (options.verify) {
      if (!tools.analyze) throw new ImageCheckError('--verify needs systemd-analyze, which this systemd does not have');
      const units = [...new Set(files.units.filter((u) => u.scope === 'system' && !u.dropIn && !u.name.includes('@.')).map((u) => u.name))];
      for (let i = 0; i < units.length; i += 200) {
        run('systemd-analyze verify', [tools.analyze, `--root=${root}`, '--generators=no', '--man=no', 'verify', ...units.slice(i, i + 200)]);
      }
    }
    const neighbours = tools.storePath
      ? NO_NEIGHBOURS
      : hostNeighbours(options.neighbourPrefixes ?? [path.dirname(tools.bin!)], dialect);
    const drafts = timed(steps, 'map and cross-check', () => {
      const all = [...interpretMessages(runs, { built, files, neighbours }), ...crossCheck({ built, files, neighbours, storeDir })];
      // A tool's message and the cross-check that sees the same thing are one finding: the tool's, which quotes it.
      const seen = new Set<string>();
      return all.filter((d) => {
        const key = `${d.ruleId}\0${d.path}\0${d.line}\0${d.subject}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    });
    return {
      drafts,
      report: { systemd: tools.description, layout: layout.name, steps, filesCopied: built.manifest.size, errors: built.errors, rules: IMAGE_RULES },
    };
  } finally {
    if (!options.keepRoot) fs.rmSync(root, { recursive: true, force: true });
  }
}
