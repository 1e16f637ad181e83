import { parseDbusService } from '../formats/dbus/parse.js';
import { planDbusRewrites } from './plans/dbus-service.js';
import { DBUS_SERVICE_FOLDERS, DBUS_SERVICE_FORMAT, dbusServiceBus, isDbusServicePath } from '../formats/dbus/spec.js';
import type { FileFixer } from './file-fixer.js';
import { locate } from '../text/line-index.js';

/** D-Bus activation files: Exec= points at the outputs and dependencies. */
export const dbusFixer: FileFixer = {
  format: DBUS_SERVICE_FORMAT,
  folders: DBUS_SERVICE_FOLDERS,
  accepts: (realPath, linkPath) => isDbusServicePath(realPath) || isDbusServicePath(linkPath),
  plan(source, file, resolver) {
    const parsed = parseDbusService(source);
    const rewrite = planDbusRewrites(parsed, resolver, dbusServiceBus(file));
    const problems = parsed.diagnostics.map((d) => ({ ...locate(parsed.lines, d.span.start), message: d.message }));
    return { ...rewrite, problems: [...problems, ...rewrite.problems] };
  },
};
