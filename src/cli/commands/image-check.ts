import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { Severity } from '../../lint/types.js';
import { countBySeverity } from '../../lint/reporters/summary.js';
import { displayPath } from '../display-path.js';
import { styleFor } from '../style.js';
import { UsageError } from '../../usage-error.js';

interface ImageCheckArgs {
  paths: string[];
  closure?: string | string[];
  base?: string | string[];
  storePaths?: string;
  baseStorePaths?: string;
  layout: string;
  verify?: boolean;
  format: string;
  outputFile?: string;
  rule?: string | string[];
  keepRoot?: string;
  storeDir?: string;
}

export const command = 'image-check [paths..]';
export const describe = "Build a throwaway image from store paths with systemd's own tools (sysusers, tmpfiles, preset-all) and report what they find, traced to store files";

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function builder(y: Argv): Argv<ImageCheckArgs> {
  return y
    .positional('paths', { type: 'string', array: true, describe: 'store paths of the image (a result symlink works)' })
    .option('closure', { type: 'string', requiresArg: true, describe: 'check every store path nix-store --query --requisites lists for PATH; repeatable' })
    .option('base', { type: 'string', requiresArg: true, describe: 'a store path of a known-good system, checked alone first: what it shows is left out of the report; repeatable' })
    .option('store-paths', { type: 'string', requiresArg: true, describe: "a file listing store paths, one a line (closureInfo's store-paths)" })
    .option('base-store-paths', { type: 'string', requiresArg: true, describe: 'a file listing the store paths of the baseline, one a line' })
    .option('layout', { choices: ['hermetic-usr', 'etc'], default: 'hermetic-usr', describe: 'where the image reads units, tmpfiles.d, sysusers.d and presets' })
    .option('verify', { type: 'boolean', describe: 'also run systemd-analyze verify on every system unit (slow)' })
    .option('format', { alias: 'f', choices: ['stylish', 'json', 'sarif', 'github'], default: 'stylish', describe: 'report format' })
    .option('output-file', { alias: 'o', type: 'string', requiresArg: true, describe: 'write the report to a file instead of stdout' })
    .option('rule', { type: 'string', requiresArg: true, describe: 'ID=error|warning|info|off for an image-* rule; repeatable' })
    .option('keep-root', { type: 'string', requiresArg: true, describe: 'build the image in this empty folder and keep it' })
    .option('store-dir', { type: 'string', describe: 'the Nix store (default: $NIX_STORE or /nix/store)' })
    .example('$0 image-check --closure ./result', 'the closure of an image, with the hermetic-/usr layout')
    .example('$0 image-check --closure ./result --base /run/current-system -f sarif -o image.sarif', 'only what a known-good system does not show') as unknown as Argv<ImageCheckArgs>;
}

function linesOf(file: string | undefined, option: string): string[] {
  if (file === undefined) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  } catch (error) {
    throw new UsageError(`--${option} ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function closureOf(paths: readonly string[]): Promise<string[]> {
  const { execa } = await import('execa');
  const all = new Set<string>();
  for (const p of paths) {
    const result = await execa('nix-store', ['--query', '--requisites', p], { reject: false });
    if (result.exitCode !== 0) throw new UsageError(`${p}: nix-store --query --requisites failed: ${String(result.stderr).split('\n')[0]}`);
    for (const line of String(result.stdout).split('\n')) if (line) all.add(line);
  }
  return [...all];
}

export async function handler(args: ArgumentsCamelCase<ImageCheckArgs>): Promise<void> {
  const [{ imageCheck, ImageCheckError, IMAGE_RULES }, { LAYOUTS }] = await Promise.all([import('../../image-check/image-check.js'), import('../../image-check/layout.js')]);
  const paths = [...(args.paths ?? []), ...linesOf(args.storePaths, 'store-paths'), ...(await closureOf(list(args.closure)))];
  if (paths.length === 0) throw new UsageError('name the store paths of the image, or --closure PATH');
  const severities: Record<string, Severity | 'off'> = {};
  for (const spec of list(args.rule)) {
    const [id, value] = spec.split('=');
    if (!id || !IMAGE_RULES.some((r) => r.id === id)) throw new UsageError(`--rule ${spec}: no such image-check rule (see 'unitfix rules')`);
    if (!value || !['error', 'warning', 'info', 'off'].includes(value)) throw new UsageError(`--rule ${spec}: use ID=error|warning|info|off`);
    severities[id] = value as Severity | 'off';
  }
  const base = [...list(args.base), ...linesOf(args.baseStorePaths, 'base-store-paths')];
  let report;
  try {
    report = await imageCheck({
      paths,
      base,
      layout: LAYOUTS[args.layout]!,
      verify: args.verify ?? false,
      severities,
      ...(args.keepRoot ? { keepRoot: args.keepRoot } : {}),
      ...(args.storeDir ? { storeDir: args.storeDir } : {}),
    });
  } catch (error) {
    if (error instanceof ImageCheckError) throw new UsageError(error.message);
    throw error;
  }
  for (const e of report.errors) process.stderr.write(`${displayPath(e.path)}: error: ${e.message}\n`);
  const about = { systemd: report.systemd, layout: report.layout, steps: report.steps, inBaseline: report.inBaseline };
  let output: string;
  switch (args.format) {
    case 'json': {
      const { formatJson } = await import('../../lint/reporters/json.js');
      output = `${JSON.stringify({ ...about, ...JSON.parse(formatJson(report.findings, report.filesCopied)) })}\n`;
      break;
    }
    case 'sarif': {
      const [{ formatSarif }, { ruleDocs }] = await Promise.all([import('../../lint/reporters/sarif.js'), import('../../lint/docs.js')]);
      const log = JSON.parse(formatSarif(report.findings, report.rules, ruleDocs));
      log.runs[0].properties = about;
      output = `${JSON.stringify(log, null, 2)}\n`;
      break;
    }
    case 'github':
      output = (await import('../../lint/reporters/github.js')).formatGithub(report.findings, displayPath);
      break;
    default: {
      const style = styleFor(args.outputFile ? ({ isTTY: false } as NodeJS.WriteStream) : process.stdout);
      const steps = report.steps.map((s) => `${s.step} ${Math.round(s.milliseconds)} ms${s.status ? ` (exit ${s.status})` : ''}`).join(', ');
      const header = style.dim(`image-check: ${report.systemd}; layout ${report.layout}; ${steps}${report.inBaseline ? `; ${report.inBaseline} findings also in the baseline, left out` : ''}`);
      output = `${header}\n${(await import('../../lint/reporters/stylish.js')).formatStylish(report.findings, style, displayPath)}`;
    }
  }
  if (args.outputFile) fs.writeFileSync(args.outputFile, output);
  else process.stdout.write(output);
  const { error: errors } = countBySeverity(report.findings);
  if (report.errors.length > 0) process.exitCode = 2;
  else if (errors > 0) process.exitCode = 1;
}
