import fs from 'node:fs';
import type { Argv, ArgumentsCamelCase } from 'yargs';
import { parseUnit } from '../../formats/unit/parse.js';
import { classifyUnitPath } from '../../formats/unit/unit-type.js';
import { inspectUnit, type InspectedUnit } from '../../inspect/unit-model.js';
import { inspectSysusers, inspectTmpfiles } from '../../inspect/columns-model.js';
import { parseTmpfiles } from '../../formats/tmpfiles/parse.js';
import { parseSysusers } from '../../formats/sysusers/parse.js';
import { parsePc } from '../../formats/pkgconfig/parse.js';
import { inspectPc } from '../../inspect/pkgconfig-model.js';
import { isConfIn } from '../../fix/tmpfiles-fixer.js';
import { parseDbusService } from '../../formats/dbus/parse.js';
import { DBUS_SERVICE_FORMAT, inspectDbusService, isDbusServicePath } from '../../formats/dbus/spec.js';
import { displayPath } from '../display-path.js';
import { fsErrorWords } from '../../fs/error-words.js';
import { udevRulesSpec } from '../../formats/udev/spec.js';
import { styleFor } from '../style.js';

interface InspectArgs {
  files: string[];
  json?: boolean;
  format?: string;
}

const FORMATS = ['unit', 'tmpfiles', 'sysusers', 'pkgconfig', 'udev-rules', 'dbus-service'] as const;

export function builder(y: Argv): Argv<InspectArgs> {
  return y
    .positional('files', { type: 'string', array: true, demandOption: true })
    .option('json', { type: 'boolean', describe: 'print JSON (one document per file, one per line)' })
    .option('format', { choices: FORMATS, describe: 'the syntax of the files (default: from their name and folder)' })
    .example('$0 inspect --json foo.service', 'sections, entries and parsed command lines as JSON') as unknown as Argv<InspectArgs>;
}

function detectFormat(file: string, forced: string | undefined): string | undefined {
  if (forced) return forced;
  if (file.endsWith('.pc')) return 'pkgconfig';
  // Before units: a D-Bus activation file is also named *.service.
  if (isDbusServicePath(file)) return DBUS_SERVICE_FORMAT;
  if (isConfIn(file, 'tmpfiles.d')) return 'tmpfiles';
  if (isConfIn(file, 'sysusers.d')) return 'sysusers';
  if (udevRulesSpec.isRulesPath(file) || udevRulesSpec.isRulesName(file)) return udevRulesSpec.id;
  if (classifyUnitPath(file) || file.endsWith('.conf')) return 'unit';
  return undefined;
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

export function handler(args: ArgumentsCamelCase<InspectArgs>): void {
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
    const format = detectFormat(file, args.format);
    if (!format) {
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
    if (format === 'pkgconfig') {
      const model = inspectPc(parsePc(bytes), file);
      const human = () => [displayPath(file), ...Object.entries(model.variables).map(([k, v]) => `  ${k}=${JSON.stringify(v)}`), ...Object.entries(model.fields).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`), ...model.diagnostics.map((d) => `  ${d.line ?? '-'}: ${d.severity}: ${d.message}`)].join('\n') + '\n';
      process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : human());
      continue;
    }
    if (format === udevRulesSpec.id) {
      const model = udevRulesSpec.inspect(udevRulesSpec.parse(bytes));
      const human = () => [displayPath(file), ...model.rules.flatMap((r) => [`  ${r.line}:${r.error ? ` error: ${r.error}` : ''}`, ...r.tokens.map((t) => `    ${t.key}${t.attr === null ? '' : `{${t.attr}}`}${t.op}${JSON.stringify(t.value)}${t.argv ? ` argv=${JSON.stringify(t.argv)}` : ''}`)]), ...model.diagnostics.map((d) => `  ${d.line}: ${d.severity}: ${d.message}`)].join('\n') + '\n';
      process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : human());
      continue;
    }
    if (format === DBUS_SERVICE_FORMAT) {
      const model = inspectDbusService(parseDbusService(bytes));
      process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : printDbusService(model, displayPath(file)));
      continue;
    }
    if (format !== 'unit') {
      const model = format === 'tmpfiles' ? inspectTmpfiles(parseTmpfiles(bytes)) : inspectSysusers(parseSysusers(bytes));
      process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : printColumns(model, displayPath(file)));
      continue;
    }
    const model = inspectUnit(parseUnit(bytes));
    process.stdout.write(args.json ? `${JSON.stringify({ file, ...model })}\n` : printHuman(model, displayPath(file)));
  }
}
