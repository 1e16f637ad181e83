import type { LineDiagnostic, Span } from '../../text/span.js';
import type { PhysicalLine } from '../../text/systemd-lines.js';
import type { ExecArgv } from './exec-argv.js';

/** Which bus reads the file, from its folder: system-services is the system bus's. */
export type BusKind = 'system' | 'session';

/** The group dbus-daemon reads an activation file's settings from. */
export const SERVICE_GROUP = 'D-BUS Service';

/** 'error': dbus-daemon refuses the file, or cannot start its Exec=; 'warning': something it silently ignores. */
export type DbusDiagnostic = LineDiagnostic;

interface NodeBase {
  readonly span: Span;
  readonly line: number;
}

export interface DbusTrivia extends NodeBase {
  readonly type: 'blank' | 'comment';
}

export interface DbusGroupHeader extends NodeBase {
  readonly type: 'group';
  readonly name: string;
}

export interface DbusEntry extends NodeBase {
  readonly type: 'entry';
  readonly key: string;
  readonly keySpan: Span;
  /** The group it belongs to (index into DbusServiceFile.groups). */
  readonly group: number;
  /** Key[locale]=…: dbus-daemon skips the whole line. */
  readonly localized: boolean;
  /** The value's bytes in the file (after the '=' and the spaces that follow it). */
  readonly valueSpan: Span;
  /** The value after \s \t \n \r \\ unescaping; undefined when the escapes are invalid. */
  readonly value: string | undefined;
  /** For each byte of `value`, its offset in the file (only when escapes made them differ). */
  readonly origins?: readonly number[];
}

export interface DbusInvalid extends NodeBase {
  readonly type: 'invalid';
  readonly diagnostic: DbusDiagnostic;
}

export type DbusNode = DbusTrivia | DbusGroupHeader | DbusEntry | DbusInvalid;

/** What dbus-daemon takes from the file: the first [D-BUS Service] group, the first of each key in it. */
export interface DbusService {
  readonly group: DbusGroupHeader | undefined;
  readonly name?: DbusEntry;
  readonly exec?: DbusEntry;
  readonly user?: DbusEntry;
  readonly systemdService?: DbusEntry;
  readonly assumedAppArmorLabel?: DbusEntry;
  /** Exec= split as dbus-daemon splits it; undefined without a readable Exec=. */
  readonly argv?: ExecArgv;
}

export interface DbusServiceFile {
  readonly source: Buffer;
  /** One char per byte. */
  readonly text: string;
  /** The lines as dbus-daemon counts them (\n, \r\n or a lone \r ends one). */
  readonly lines: readonly PhysicalLine[];
  /** One node per line: printing their spans gives the source back. */
  readonly nodes: readonly DbusNode[];
  readonly groups: readonly DbusGroupHeader[];
  readonly entries: readonly DbusEntry[];
  readonly service: DbusService;
  /** Whether dbus-daemon loads the file at all (no error that makes it skip the file). */
  readonly loads: boolean;
  readonly diagnostics: readonly DbusDiagnostic[];
}
