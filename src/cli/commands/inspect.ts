import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import type { InspectedUnit } from '../../formats/unit/inspect.js';
import type { inspectDbusService } from '../../formats/dbus/inspect.js';
import type { inspectPc } from '../../formats/pkgconfig/inspect.js';
import type { inspectUdevRules } from '../../formats/udev/inspect.js';
import { FORMAT_IDS, formatById, type AnyFormat, type FormatId } from '../../formats/registry.js';
import { formatNamed } from '../../formats/classify.js';
import { displayPath } from '../display-path.js';
import { fsErrorWords } from '../../fs/error-words.js';
import { styleFor } from '../style.js';

interface InspectArgs {
  files: string[];
  json?: boolean;
  format?: string;
}

export function builder(y: Argv): Argv<InspectArgs> {
  return y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .option('json', { type: 'boolean', describe: 'print JSON (one document per file, one per line)' })
    .option('format', { choices: FORMAT_IDS, describe: 'the syntax of the files (default: from their name and folder)' })
    .example('$0 inspect --json foo.service', 'sections, entries and parsed command lines as JSON') as unknown as Argv<InspectArgs>;
}

function printHuman(model: InspectedUnit, name: string): string {
  const style = styleFor(process.stdout);
  const out: string[] = [style.bold(name)];
  for (const section of model.sections) {
    out.push(`  ${style.cyan(`[${section.name}]`)} (line ${section.line})`);
    for (const entry of section.entries) {
      out.push(`    ${entry.line}: ${entry.key} = ${JSON.stringify(entry.value)}`);
      for (const command of entry.commands ?? []) {
        out.push(`      command: prefixes=${JSON.stringify(command.prefixes)} path=${JSON.stringify(command.path)} argv=${JSON.stringify(command.argv)}`);
      }
      if (entry.error) out.push(`      ${style.red('error')}: ${entry.error}`);
    }
  }
  for (const d of model.diagnostics) out.push(`  ${d.line}: ${d.severity === 'error' ? style.red('error') : style.yellow('warning')}: ${d.message}`);
  return out.join('\n') + '\n';
}

function printColumns(model: { lines: readonly Record<string, unknown>[]; diagnostics: readonly { line: number; severity: string; message: string }[] }, name: string): string {
  const style = styleFor(process.stdout);
  const out = [style.bold(name)];
  for (const line of model.lines) {
    const { line: number, ...fields } = line;
    out.push(`  ${String(number)}: ${Object.entries(fields).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')}`);
  }
  for (const d of model.diagnostics) out.push(`  ${d.line}: ${d.severity === 'error' ? style.red('error') : style.yellow('warning')}: ${d.message}`);
  return out.join('\n') + '\n';
}

function printPc(model: ReturnType<typeof inspectPc>, name: string): string {
  return [name, ...Object.entries(model.variables).map(([k, v]) => `  ${k}=${JSON.stringify(v)}`), ...Object.entries(model.fields).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`), ...model.diagnostics.map((d) => `  ${d.line ?? '-'}: ${d.severity}: ${d.message}`)].join('\n') + '\n';
}

function printUdevRules(model: ReturnType<typeof inspectUdevRules>, name: string): string {
  return [name, ...model.rules.flatMap((r) => [`  ${r.line}:${r.error ? ` error: ${r.error}` : ''}`, ...r.tokens.map((t) => `    ${t.key}${t.attr === null ? '' : `{${t.attr}}`}${t.op}${JSON.stringify(t.value)}${t.argv ? ` argv=${JSON.stringify(t.argv)}` : ''}`)]), ...model.diagnostics.map((d) => `  ${d.line}: ${d.severity}: ${d.message}`)].join('\n') + '\n';
}

function printDbusService(model: ReturnType<typeof inspectDbusService>, name: string): string {
  const style = styleFor(process.stdout);
  const out = [`${style.bold(name)} (D-Bus activation file${model.loads ? '' : ', which dbus-daemon skips'})`];
  for (const group of model.groups) {
    out.push(`  ${style.cyan(`[${group.name}]`)} (line ${group.line})`);
    for (const entry of group.entries) out.push(`    ${entry.line}: ${entry.key}${'localized' in entry ? '[…] (skipped)' : ` = ${JSON.stringify(entry.value)}`}`);
  }
  if (model.service.argv) out.push(`  argv: ${JSON.stringify(model.service.argv)}`);
  for (const d of model.diagnostics) out.push(`  ${d.line}: ${d.severity === 'error' ? style.red('error') : style.yellow('warning')}: ${d.message}`);
  return out.join('\n') + '\n';
}

/** The human-readable text per format, from its `inspect --json` model; a format without one prints that model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const HUMAN: Partial<Record<FormatId, (model: any, name: string) => string>> = {
  unit: printHuman,
  tmpfiles: printColumns,
  sysusers: printColumns,
  pkgconfig: printPc,
  'udev-rules': printUdevRules,
  'dbus-service': printDbusService,
};

export async function handler(args: ArgumentsCamelCase<InspectArgs>): Promise<void> {
  for (const file of args.files) {
    const fail = (message: string) => {
      process.stderr.write(`${displayPath(file)}: error: ${message}\n`);
      process.exitCode = 2;
    };
    // A file that is not there has no format to guess.
    try {
      fs.statSync(file);
    } catch (error) {
      fail(`${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '' : 'cannot read: '}${fsErrorWords(error)}`);
      continue;
    }
    const id = args.format ?? formatNamed(file);
    const registered = id === undefined ? undefined : formatById(id);
    if (!registered) {
      fail('cannot tell the format from the name; pass --format');
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (error) {
      fail(`cannot read: ${fsErrorWords(error)}`);
      continue;
    }
    const format = (await registered.load()) as AnyFormat;
    const model = format.inspect(format.parse(bytes), file);
    const human = HUMAN[format.id] ?? ((m: object, name: string) => `${name}\n${JSON.stringify(m, null, 2)}\n`);
    process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : human(model, displayPath(file)));
  }
}
