import type { Rule } from '../src/lint/types.js';
import { dbusExecFhs } from './dbus-exec-fhs.js';
import { deepFhsStrings } from './deep-fhs-strings.js';
import { forbiddenFolder } from './forbidden-folder.js';
import { pcDanglingPath } from './pc-dangling-path.js';
import { pcFhsVariable } from './pc-fhs-variable.js';
import { protectSystem } from './protect-system.js';
import { syntaxError } from './syntax-error.js';
import { sysusersFhsPath } from './sysusers-fhs-path.js';
import { tmpfilesCreatesInUsr } from './tmpfiles-creates-in-usr.js';
import { tmpfilesFhsTarget } from './tmpfiles-fhs-target.js';
import { tmpfilesImplicitSource } from './tmpfiles-implicit-source.js';
import { unitArgumentFhs } from './unit-argument-fhs.js';
import { unitCommandFhs } from './unit-command-fhs.js';
import { unitCommandMissing } from './unit-command-missing.js';
import { unitLocation } from './unit-location.js';
import { unitSettingFhsPath } from './unit-setting-fhs-path.js';
import { unitUnknownKey } from './unit-unknown-key.js';

/** Every rule, sorted by id. No folder is scanned at run time: a rule exists when it is listed here. */
export const RULES: readonly Rule[] = [
  dbusExecFhs,
  deepFhsStrings,
  forbiddenFolder,
  pcDanglingPath,
  pcFhsVariable,
  protectSystem,
  syntaxError,
  sysusersFhsPath,
  tmpfilesCreatesInUsr,
  tmpfilesFhsTarget,
  tmpfilesImplicitSource,
  unitArgumentFhs,
  unitCommandFhs,
  unitCommandMissing,
  unitLocation,
  unitSettingFhsPath,
  unitUnknownKey,
];
