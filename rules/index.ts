import type { AnyRule } from '../src/lint/rule.js';
import { confSuffixMissing } from './conf-suffix-missing.js';
import { dbusExecFhs } from './dbus-exec-fhs.js';
import { deepFhsStrings } from './deep-fhs-strings.js';
import { forbiddenFolder } from './forbidden-folder.js';
import { imageConditionNeverMet } from './image-condition-never-met.js';
import { imageNameCollision } from './image-name-collision.js';
import { imageTmpfilesUnknownOwner } from './image-tmpfiles-unknown-owner.js';
import { imageToolMessage } from './image-tool-message.js';
import { imageUnitDanglingReference } from './image-unit-dangling-reference.js';
import { imageUnitMissingPath } from './image-unit-missing-path.js';
import { imageUnitUnknownUser } from './image-unit-unknown-user.js';
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
import { unitCommandInEtc } from './unit-command-in-etc.js';
import { unitCommandMissing } from './unit-command-missing.js';
import { unitLocation } from './unit-location.js';
import { unitSettingFhsPath } from './unit-setting-fhs-path.js';
import { unitUnknownKey } from './unit-unknown-key.js';
import { udevProgramFhs } from './udev-program-fhs.js';

/** Every rule, sorted by id. No folder is scanned at run time: a rule exists when it is listed here. */
export const RULES: readonly AnyRule[] = [
  confSuffixMissing,
  dbusExecFhs,
  deepFhsStrings,
  forbiddenFolder,
  imageConditionNeverMet,
  imageNameCollision,
  imageTmpfilesUnknownOwner,
  imageToolMessage,
  imageUnitDanglingReference,
  imageUnitMissingPath,
  imageUnitUnknownUser,
  pcDanglingPath,
  pcFhsVariable,
  protectSystem,
  syntaxError,
  sysusersFhsPath,
  tmpfilesCreatesInUsr,
  tmpfilesFhsTarget,
  tmpfilesImplicitSource,
  udevProgramFhs,
  unitArgumentFhs,
  unitCommandFhs,
  unitCommandInEtc,
  unitCommandMissing,
  unitLocation,
  unitSettingFhsPath,
  unitUnknownKey,
];
