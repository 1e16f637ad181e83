import type { Edit } from '../../text/edit.js';
import { extractWord } from '../../text/extract-word.js';
import { locate } from '../../text/line-index.js';
import { isSafePath } from '../../text/safe-path.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import type { Resolution } from '../../resolve/resolver.js';
import type { Problem, Replacement, Rewrite } from './rewrite.js';
import { isPackagePath } from '../../formats/unit/command-paths.js';
import type { AssignmentNode, UnitFile } from '../../formats/unit/model.js';
import { settingPaths, type SettingPath } from '../../formats/unit/setting-paths.js';
import { TYPE_SECTION, type UnitFileKind } from '../../formats/unit/unit-type.js';

export interface FileResolver {
  resolveFile(file: string): Resolution;
}

/**
 * Plans the rewrite of settings that name files (EnvironmentFile=,
 * ReadOnlyPaths=, ConditionPathExists=, PATH= in Environment=, …): an FHS
 * path below a package folder becomes the output's or dependency's file when
 * one has it. Whole folders (/usr/share, PATH=/usr/bin) stand for the whole
 * system and are reported, as is what cannot be resolved. Replacements and
 * problems carry the kind 'setting'.
 */
export function planSettingRewrites(file: UnitFile, kind: UnitFileKind | undefined, resolver: FileResolver): Rewrite {
  const own = kind ? TYPE_SECTION[kind.type] : undefined;
  const edits: Edit[] = [];
  const replacements: Replacement[] = [];
  const problems: Problem[] = [];
  const at = (node: AssignmentNode, offset: number) => locate(file.lines, node.valueMap.sourceOffset(offset));
  const problem = (node: AssignmentNode, offset: number, message: string) => problems.push({ ...at(node, offset), key: node.key, message, kind: 'setting' });
  for (const section of file.sections) {
    if (kind && section.name !== own && section.name !== 'Unit') continue;
    for (const node of section.assignments) {
      for (const found of settingPaths(node)) {
        const p = found.path;
        if (/[$%]/.test(p) || fhsFileRelative(p) === undefined || !p.startsWith('/')) continue;
        if (!isPackagePath(p)) {
          const what = found.searchDir ? 'stands for every program of the system' : 'is a folder of the whole system, not of one package';
          problem(node, found.start, `${node.key}= names ${p}, which ${what}; left as it is`);
          continue;
        }
        const resolution = resolver.resolveFile(p);
        if (resolution.kind === 'unchanged') continue;
        if (resolution.kind === 'unresolved') {
          problem(node, found.start, `${node.key}= names ${p}: ${resolution.reason}; left as it is`);
          continue;
        }
        const to = resolution.path;
        const span = isSafePath(to) && decodesAs(node, found, to) ? node.valueMap.toSource(found.start, found.end) : undefined;
        if (!span) {
          problem(node, found.start, `${node.key}= names ${p}, which cannot be rewritten in place (quoting, escapes or a continuation line); left as it is`);
          continue;
        }
        edits.push({ start: span.start, end: span.end, text: Buffer.from(to, 'latin1') });
        replacements.push({ ...locate(file.lines, span.start), key: node.key, from: p, to, kind: 'setting' });
      }
    }
  }
  return { edits, replacements, problems };
}

/** The value with the path replaced still reads, by the setting's own rules, as that path. */
function decodesAs(node: AssignmentNode, found: SettingPath, to: string): boolean {
  if (found.start === found.end) return false;
  const raw = node.rawValue;
  const rewritten = raw.slice(0, found.start) + to + raw.slice(found.end);
  if (!found.word) return rewritten.slice(found.start, found.start + to.length) === to;
  const result = extractWord(rewritten, found.word.start);
  if (!result || 'error' in result) return false;
  const before = found.word.value;
  return result.word.value === before.slice(0, found.wordFrom) + to + before.slice(found.wordTo);
}
