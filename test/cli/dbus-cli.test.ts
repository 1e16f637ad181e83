import fs from 'node:fs';
import { unitfix } from '../helpers/cli.js';
import { EXEC, makeTree, removeTree } from '../helpers/tree.js';

const SERVICE = '[D-BUS Service]\nName=org.example.Food\nExec=/usr/libexec/food --config=/usr/share/food/food.conf "/usr/bin/quoted"\nUser=root\n';

let root: string;
beforeEach(() => {
  root = makeTree({
    'out/share/dbus-1/system-services/org.example.Food.service': SERVICE,
    'out/share/dbus-1/services/org.example.Bare.service': '[D-BUS Service]\nName=org.example.Bare\nExec=food\n',
    'out/libexec/food': EXEC,
    'out/share/food/food.conf': 'x\n',
    'out/bin/quoted': EXEC,
    'coreutils/bin/false': EXEC,
  });
});
afterEach(() => removeTree(root));

describe('unitfix fix, lint and inspect on D-Bus activation files (built CLI)', () => {
  test('fix rewrites the program and a path argument; a quoted word and a bare name are reported and left', async () => {
    const result = await unitfix(['fix', '--host', `${root}/out`], { env: { NO_COLOR: '1', HOST_PATH: '' } });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe(`${root}/out/share/dbus-1/system-services/org.example.Food.service: /usr/libexec/food → ${root}/out/libexec/food, /usr/share/food/food.conf → ${root}/out/share/food/food.conf`);
    expect(fs.readFileSync(`${root}/out/share/dbus-1/system-services/org.example.Food.service`, 'utf8')).toBe(
      SERVICE.replace('/usr/libexec/food', `${root}/out/libexec/food`).replace('=/usr/share/food', `=${root}/out/share/food`),
    );
    expect(result.stderr).toContain('/usr/bin/quoted is written with quotes, escapes or a comment; left as it is');
    expect(result.stderr).toContain('dbus-daemon runs food without searching PATH');
  });

  test('a single D-Bus file named on the command line is fixed as one, not as a systemd unit', async () => {
    const file = `${root}/out/share/dbus-1/system-services/org.example.Food.service`;
    const result = await unitfix(['fix', '--host', '--output', `${root}/out`, file], { env: { NO_COLOR: '1', HOST_PATH: '' } });
    expect(result.exitCode).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain(`Exec=${root}/out/libexec/food `);
    expect(result.stderr).not.toMatch(/Unknown section|\[D-BUS Service\]/);
  });

  test('inspect --json says dbus-service and gives the argv dbus-daemon runs', async () => {
    const result = await unitfix(['inspect', '--json', `${root}/out/share/dbus-1/system-services/org.example.Food.service`]);
    expect(JSON.parse(result.stdout)).toMatchObject({
      format: 'dbus-service',
      loads: true,
      service: { name: 'org.example.Food', argv: ['/usr/libexec/food', '--config=/usr/share/food/food.conf', '/usr/bin/quoted'], user: 'root', systemdService: null },
      diagnostics: [],
    });
  });

  test('lint reports dbus-exec-fhs, fixable where fix would act', async () => {
    const result = await unitfix(['lint', '--format', 'json', `${root}/out`]);
    const { findings } = JSON.parse(result.stdout) as { findings: { ruleId: string; fixable: boolean; message: string }[] };
    const ours = findings.filter((f) => f.ruleId === 'dbus-exec-fhs');
    expect(ours.map((f) => f.fixable).sort()).toEqual([false, false, true, true]);
  });
});
