import { extractReplacedWord } from '../../text/extract-word.js';
import { locate } from '../../text/line-index.js';
import { fhsFileRelative } from '../../resolve/fhs-path.js';
import type { Rewrite } from './rewrite.js';
import { EditPlan } from './edit-plan.js';
import type { PathResolver } from './path-resolver.js';
import { isPackagePath } from '../../formats/unit/command-paths.js';
import type { AssignmentNode, UnitFile } from '../../formats/unit/model.js';
import { settingPaths, type SettingPath } from '../../formats/unit/setting-paths.js';
import { TYPE_SECTION, type UnitFileKind } from '../../formats/unit/unit-type.js';

/**
 * Plans the rewrite of settings that name files (EnvironmentFile=,
 * ReadOnlyPaths=, ConditionPathExists=, PATH= in Environment=, …): an FHS
 * path below a package folder becomes the output's or dependency's file when
 * one has it. Whole folders (/usr/share, PATH=/usr/bin) stand for the whole
 * system and are reported, as is what cannot be resolved. Replacements and
 * problems carry the kind 'setting'.
 */
export function planSettingRewrites(file: UnitFile, kind: UnitFileKind | undefined, resolver: Pick<PathResolver, 'resolveFile'>): Rewrite {
  const own = kind ? TYPE_SECTION[kind.type] : undefined;
  const plan = new EditPlan(file.source.length, (offset) => locate(file.lines, offset));
  const problem = (node: AssignmentNode, offset: number, message: string) => plan.problem(node.valueMap.sourceOffset(offset), message, { key: node.key, kind: 'setting' });
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
        const refused = `${node.key}= names ${p}, which cannot be rewritten in place (quoting, escapes or a continuation line); left as it is`;
        const span = decodesAs(node, found, to) ? node.valueMap.toSource(found.start, found.end) : undefined;
        plan.replace(span, to, { from: p, key: node.key, kind: 'setting', at: node.valueMap.sourceOffset(found.start), unsafe: refused, unplaced: refused });
      }
    }
  }
  return plan.rewrite();
}

/** The value with the path replaced still reads, by the setting's own rules, as that path. */
function decodesAs(node: AssignmentNode, found: SettingPath, to: string): boolean {
  if (found.start === found.end) return false;
  // A path that is not inside a word is its own bytes: replacing them gives the new path.
  if (!found.word) return true;
  const result = extractReplacedWord(node.rawValue, found.word, found.start, found.end, to);
  if (!result || 'error' in result) return false;
  const before = found.word.value;
  return result.word.value === before.slice(0, found.wordFrom) + to + before.slice(found.wordTo);
}
