import { printNodes } from '../column-file.js';
import type { SysusersFile } from './model.js';

/** Prints a parsed sysusers.d file back: the concatenation of its lines. */
export const printSysusers = (file: SysusersFile): Buffer => printNodes(file);
