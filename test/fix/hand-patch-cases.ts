/**
 * Five nixpkgs packages whose systemd units nixpkgs fixes by hand
 * (substituteInPlace, sed), laid out as fake store paths around Debian's
 * units, with what the hand patch makes of each command line. The facts
 * behind every entry are in docs/hand-patches.md; `id`s tie the two together.
 *
 * Paths in argv start with `$<store package>/` for a path in the fake store
 * (`$out/bin/dockerd`), or are written as they stay.
 */

/** A store path of the fake store: what it is called and the programs it ships. */
export interface StorePackage {
  /** Programs, relative to the store path (bin/x, sbin/y, libexec/z). */
  readonly programs: readonly string[];
  /** Programs that are links to another store package's program: relative path → `$pkg/relative`. */
  readonly links?: Readonly<Record<string, string>>;
}

export type Verdict =
  /** unitfix gives what the hand patch gives. */
  | 'same'
  /** The hand patch left a /usr, /bin or /sbin path that unitfix resolved. */
  | 'better'
  /** unitfix gives another store path than the hand patch, with the same effect. */
  | 'differs'
  /** Nothing to compare: nixpkgs ships neither the unit nor the program; unitfix leaves the path and reports it. */
  | 'absent';

export interface CommandExpectation {
  /** Unit file name. */
  readonly unit: string;
  readonly key: string;
  /** Prefix characters as written ("-", "" for none). */
  readonly prefix: string;
  /** What unitfix makes of the line: executable, then arguments. */
  readonly ours: readonly string[];
  /** What the hand patch makes of the same command (on upstream's line, with Debian's arguments). */
  readonly hand: readonly string[];
  readonly verdict: Verdict;
  /** For every verdict but 'same': an id named in docs/hand-patches.md, and why. */
  readonly id?: string;
  readonly why?: string;
}

/** A command line of upstream's unit that Debian's unit does not have (or has with another path). */
export interface UpstreamLine {
  readonly id: string;
  readonly line: string;
  readonly ours: readonly string[];
  readonly hand: readonly string[];
  readonly verdict: Verdict;
}

export interface HandPatchCase {
  /** nixpkgs attribute. */
  readonly attribute: string;
  /** Debian packages whose units this nixpkgs package ships. */
  readonly debian: readonly string[];
  /** The package's outputs in the order the derivation lists them; the units go into `out`. */
  readonly outputs: Readonly<Record<string, StorePackage>>;
  /** buildInputs as store packages (their bin/ is on HOST_PATH, the store paths are pkgsHostTarget). */
  readonly buildInputs: readonly string[];
  /** Fallback-set packages the fixed units now refer to (the hand patches refer to them too, by name). */
  readonly fallbackUsed: readonly string[];
  readonly commands: readonly CommandExpectation[];
  readonly upstreamLines?: readonly UpstreamLine[];
}

const bin = (...names: string[]) => names.map((n) => `bin/${n}`);
const sbin = (...names: string[]) => names.map((n) => `sbin/${n}`);
const libexec = (...names: string[]) => names.map((n) => `libexec/${n}`);

/**
 * Dependencies and the fallback set, one store path each: a package that is
 * both a build input and in the fallback set (util-linux for libvirt, bash for
 * wireguard-tools) is the same store path in both, as in a real build.
 */
export const STORE: Readonly<Record<string, StorePackage>> = {
  // The setup hook's fallback set (nix-hooks/package.nix): bash, coreutils, procps, util-linux, kmod.
  bash: { programs: bin('bash', 'sh') },
  coreutils: { programs: bin('kill', 'true', 'false', 'cat', 'rm', 'mkdir', 'ln', 'chmod', 'chown', 'echo', 'env', 'sleep', 'test', 'touch', 'mv', 'cp') },
  procps: { programs: bin('pkill', 'pgrep', 'ps', 'pidof', 'sysctl', 'free', 'top', 'watch') },
  // util-linux's default output is `bin`; it has its own kill (meta.priority is about that clash).
  'util-linux': { programs: bin('mount', 'umount', 'nologin', 'flock', 'kill', 'logger', 'setsid', 'findmnt', 'blkid', 'losetup') },
  kmod: { programs: bin('modprobe', 'insmod', 'rmmod', 'lsmod', 'depmod', 'kmod') },
  // Build inputs. Only their programs matter here; libraries are left out.
  systemd: { programs: bin('systemctl', 'systemd-run', 'journalctl', 'udevadm', 'systemd-notify') },
  sqlite: { programs: bin('sqlite3') },
  'btrfs-progs': { programs: bin('btrfs', 'mkfs.btrfs', 'btrfsck') },
  libseccomp: { programs: bin('scmp_sys_resolver') },
  lvm2: { programs: bin('lvm', 'dmsetup', 'dmstats', 'blkdeactivate', 'fsadm', 'lvmdump', 'vgchange', 'lvs', 'pvs', 'vgs') },
  libaio: { programs: [] },
  // nixpkgs' libuuid is util-linuxMinimal: another store path than util-linux, with its own kill.
  'util-linux-minimal': { programs: bin('kill', 'mount', 'umount', 'blkid') },
  libtirpc: { programs: [] },
  libcap: { programs: bin('capsh', 'getcap', 'setcap', 'getpcaps') },
  libevent: { programs: bin('event_rpcgen.py') },
  libnl: { programs: bin('nl-link-list', 'nl-route-list', 'genl-ctrl-list') },
  keyutils: { programs: bin('keyctl', 'request-key', 'key.dns_resolver') },
  libkrb5: { programs: bin('kinit', 'klist', 'kdestroy', 'ktutil') },
  libxml2: { programs: bin('xmllint', 'xmlcatalog') },
  readline: { programs: [] },
  python3: { programs: bin('python3', 'python', 'pydoc3') },
  openldap: { programs: bin('ldapsearch', 'ldapmodify', 'ldapadd') },
  cyrus_sasl: { programs: bin('saslpasswd2', 'sasldblistusers2') },
  'bash-completion': { programs: [] },
  curl: { programs: bin('curl') },
  dbus: { programs: bin('dbus-daemon', 'dbus-send', 'dbus-uuidgen') },
  glib: { programs: bin('gdbus', 'gio') },
  gnutls: { programs: bin('certtool', 'gnutls-cli') },
  libgcrypt: { programs: bin('dumpsexp', 'hmac256') },
  libpcap: { programs: [] },
  libtasn1: { programs: bin('asn1Parser') },
  json_c: { programs: [] },
  acl: { programs: bin('getfacl', 'setfacl') },
  attr: { programs: bin('getfattr', 'setfattr') },
  audit: { programs: sbin('auditctl', 'auditd', 'ausearch') },
  fuse3: { programs: bin('fusermount3') },
  libapparmor: { programs: [] },
  libcap_ng: { programs: bin('captest', 'pscap') },
  libpciaccess: { programs: [] },
  numactl: { programs: bin('numactl', 'numastat') },
  numad: { programs: bin('numad') },
  parted: { programs: sbin('parted', 'partprobe') },
  zfs: { programs: bin('zfs', 'zpool') },
  // What moby's libexec/docker/ links to.
  'docker-containerd': { programs: bin('containerd', 'containerd-shim', 'containerd-shim-runc-v2', 'ctr') },
  'docker-runc': { programs: bin('runc') },
  'docker-tini': { programs: bin('tini', 'tini-static') },
};

/** The order of the hook's fallback set. */
export const FALLBACK_SET = ['bash', 'coreutils', 'procps', 'util-linux', 'kmod'] as const;

export const CASES: readonly HandPatchCase[] = [
  {
    // pkgs/applications/virtualization/docker/default.nix: moby's installPhase.
    attribute: 'docker (moby)',
    debian: ['docker.io'],
    outputs: {
      out: {
        programs: [
          ...bin('dockerd', 'dockerd-rootless'),
          ...libexec('docker/dockerd', 'docker/docker-proxy', 'docker/dockerd-rootless.sh'),
        ],
        links: {
          'libexec/docker/containerd': '$docker-containerd/bin/containerd',
          'libexec/docker/containerd-shim': '$docker-containerd/bin/containerd-shim',
          'libexec/docker/runc': '$docker-runc/bin/runc',
          'libexec/docker/docker-init': '$docker-tini/bin/tini-static',
        },
      },
    },
    buildInputs: ['sqlite', 'lvm2', 'btrfs-progs', 'systemd', 'libseccomp'],
    fallbackUsed: ['coreutils'],
    commands: [
      {
        unit: 'docker.service',
        key: 'ExecStart',
        prefix: '',
        ours: ['$out/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock', '$DOCKER_OPTS'],
        hand: ['$out/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock', '$DOCKER_OPTS'],
        verdict: 'same',
      },
      {
        unit: 'docker.service',
        key: 'ExecReload',
        prefix: '',
        ours: ['$coreutils/bin/kill', '-s', 'HUP', '$MAINPID'],
        hand: ['/bin/kill', '-s', 'HUP', '$MAINPID'],
        verdict: 'better',
        id: 'docker-kill',
        why: 'the hand patch replaces only /usr/bin/dockerd; /bin/kill is left and fails on a system without /bin/kill. unitfix takes kill from the fallback set (no build input has one).',
      },
    ],
    upstreamLines: [
      {
        // moby's unit names /usr/bin/dockerd; Debian's names /usr/sbin/dockerd.
        id: 'docker-upstream-bin',
        line: 'ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock',
        ours: ['$out/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
        hand: ['$out/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
        verdict: 'same',
      },
    ],
  },
  {
    // pkgs/by-name/wi/wireguard-tools/package.nix: postFixup.
    attribute: 'wireguard-tools',
    debian: ['wireguard-tools'],
    outputs: {
      // wrapProgram leaves the real programs next to the wrappers as .<name>-wrapped.
      out: { programs: bin('wg', 'wg-quick', '.wg-wrapped', '.wg-quick-wrapped') },
      man: { programs: [] },
    },
    buildInputs: ['bash'],
    fallbackUsed: [],
    commands: [
      { unit: 'wg-quick@.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/wg-quick', 'up', '%i'], hand: ['$out/bin/wg-quick', 'up', '%i'], verdict: 'same' },
      { unit: 'wg-quick@.service', key: 'ExecStop', prefix: '', ours: ['$out/bin/wg-quick', 'down', '%i'], hand: ['$out/bin/wg-quick', 'down', '%i'], verdict: 'same' },
      {
        unit: 'wg-quick@.service',
        key: 'ExecReload',
        prefix: '',
        ours: ['$bash/bin/bash', '-c', 'exec $out/bin/wg syncconf %i <(exec $out/bin/wg-quick strip %i)'],
        hand: ['/bin/bash', '-c', 'exec $out/bin/wg syncconf %i <(exec $out/bin/wg-quick strip %i)'],
        verdict: 'better',
        id: 'wireguard-shell-string',
        why: 'the hand patch replaces every /usr/bin, inside the bash -c string too, but leaves /bin/bash; unitfix rewrites the same words in the string (whole shell words, %i kept) and takes bash from the build inputs.',
      },
    ],
  },
  {
    // pkgs/by-name/nf/nfs-utils/package.nix (2.6.2 in the nixpkgs of Debian 12's time): postPatch and postInstall.
    attribute: 'nfs-utils',
    debian: ['nfs-common', 'nfs-kernel-server'],
    outputs: {
      // makeFlags sbindir=$(out)/bin: every daemon and tool lands in out/bin, mount.nfs too.
      out: {
        programs: [
          ...bin(
            'blkmapd', 'exportfs', 'mount.nfs', 'mount.nfs4', 'umount.nfs', 'umount.nfs4', 'mountstats', 'nfsconf', 'nfsdcld',
            'nfsdclddb', 'nfsdclnts', 'nfsdcltrack', 'nfsidmap', 'nfsiostat', 'nfsref', 'nfsstat', 'nfsv4.exportd', 'rpc.gssd',
            'rpc.idmapd', 'rpc.mountd', 'rpc.nfsd', 'rpc.statd', 'rpc.svcgssd', 'rpcdebug', 'showmount', 'sm-notify', 'start-statd',
          ),
          ...libexec('nfsrahead'),
        ],
      },
      dev: { programs: [] },
      lib: { programs: [] },
      man: { programs: [] },
    },
    buildInputs: ['libtirpc', 'libcap', 'libevent', 'libnl', 'sqlite', 'lvm2', 'util-linux-minimal', 'keyutils', 'libkrb5', 'libxml2', 'readline', 'python3', 'openldap', 'cyrus_sasl'],
    fallbackUsed: ['coreutils', 'kmod'],
    commands: [
      { unit: 'auth-rpcgss-module.service', key: 'ExecStart', prefix: '', ours: ['$kmod/bin/modprobe', '-q', 'auth_rpcgss'], hand: ['$kmod/bin/modprobe', '-q', 'auth_rpcgss'], verdict: 'same' },
      { unit: 'nfs-blkmap.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/blkmapd'], hand: ['$out/bin/blkmapd'], verdict: 'same' },
      { unit: 'nfs-idmapd.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.idmapd'], hand: ['$out/bin/rpc.idmapd'], verdict: 'same' },
      { unit: 'nfs-mountd.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.mountd'], hand: ['$out/bin/rpc.mountd'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecStartPre', prefix: '-', ours: ['$out/bin/exportfs', '-r'], hand: ['$out/bin/exportfs', '-r'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.nfsd'], hand: ['$out/bin/rpc.nfsd'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecStop', prefix: '', ours: ['$out/bin/rpc.nfsd', '0'], hand: ['$out/bin/rpc.nfsd', '0'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecStopPost', prefix: '', ours: ['$out/bin/exportfs', '-au'], hand: ['$out/bin/exportfs', '-au'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecStopPost', prefix: '', ours: ['$out/bin/exportfs', '-f'], hand: ['$out/bin/exportfs', '-f'], verdict: 'same' },
      { unit: 'nfs-server.service', key: 'ExecReload', prefix: '-', ours: ['$out/bin/exportfs', '-r'], hand: ['$out/bin/exportfs', '-r'], verdict: 'same' },
      { unit: 'nfs-utils.service', key: 'ExecStart', prefix: '', ours: ['$coreutils/bin/true'], hand: ['$coreutils/bin/true'], verdict: 'same' },
      { unit: 'nfsdcld.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/nfsdcld'], hand: ['$out/bin/nfsdcld'], verdict: 'same' },
      { unit: 'rpc-gssd.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.gssd'], hand: ['$out/bin/rpc.gssd'], verdict: 'same' },
      // Debian's unit says /sbin/sm-notify and /sbin/rpc.statd, upstream's /usr/sbin: the hand patch's
      // sed (/usr/sbin → $out/bin) would not match Debian's line; on upstream's it gives this.
      { unit: 'rpc-statd-notify.service', key: 'ExecStart', prefix: '-', ours: ['$out/bin/sm-notify'], hand: ['$out/bin/sm-notify'], verdict: 'same' },
      { unit: 'rpc-statd.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.statd'], hand: ['$out/bin/rpc.statd'], verdict: 'same' },
      { unit: 'rpc-svcgssd.service', key: 'ExecStart', prefix: '', ours: ['$out/bin/rpc.svcgssd'], hand: ['$out/bin/rpc.svcgssd'], verdict: 'same' },
    ],
    upstreamLines: [
      { id: 'nfs-upstream-statd', line: 'ExecStart=/usr/sbin/rpc.statd', ours: ['$out/bin/rpc.statd'], hand: ['$out/bin/rpc.statd'], verdict: 'same' },
      { id: 'nfs-upstream-sm-notify', line: 'ExecStart=-/usr/sbin/sm-notify', ours: ['$out/bin/sm-notify'], hand: ['$out/bin/sm-notify'], verdict: 'same' },
    ],
  },
  {
    // pkgs/by-name/li/libvirt/package.nix: postInstall (Linux); meson fills in @sbindir@ and @libexecdir@.
    attribute: 'libvirt',
    debian: ['libvirt-daemon-system'],
    outputs: {
      out: {
        programs: [
          ...bin('virsh', 'virt-admin', 'virt-host-validate', 'virt-login-shell', 'virt-pki-query-dn', 'virt-pki-validate', 'virt-qemu-run', 'virt-ssh-helper', 'virt-xml-validate'),
          // wrapProgram $out/sbin/libvirtd
          ...sbin('libvirtd', '.libvirtd-wrapped', 'virtlockd', 'virtlogd', 'virtproxyd', 'virtqemud', 'virtlxcd', 'virtchd', 'virtxend', 'virtnetworkd', 'virtnodedevd', 'virtinterfaced', 'virtnwfilterd', 'virtsecretd', 'virtstoraged', 'virtvboxd'),
          ...libexec('libvirt-guests.sh', 'libvirt_iohelper', 'libvirt_leaseshelper', 'libvirt_parthelper', 'libvirt_lxc', 'virt-login-shell-helper', 'libvirt-ssh-proxy'),
        ],
      },
    },
    buildInputs: [
      'bash', 'bash-completion', 'curl', 'dbus', 'glib', 'gnutls', 'libgcrypt', 'libpcap', 'libtasn1', 'libxml2', 'python3', 'readline', 'json_c',
      'acl', 'attr', 'audit', 'fuse3', 'libapparmor', 'libcap_ng', 'libnl', 'libpciaccess', 'libtirpc', 'lvm2', 'numactl', 'numad', 'parted', 'systemd', 'util-linux', 'zfs',
    ],
    fallbackUsed: [],
    commands: [
      { unit: 'libvirt-guests.service', key: 'ExecStart', prefix: '', ours: ['$out/libexec/libvirt-guests.sh', 'start'], hand: ['$out/libexec/libvirt-guests.sh', 'start'], verdict: 'same' },
      { unit: 'libvirt-guests.service', key: 'ExecStop', prefix: '', ours: ['$out/libexec/libvirt-guests.sh', 'stop'], hand: ['$out/libexec/libvirt-guests.sh', 'stop'], verdict: 'same' },
      { unit: 'libvirtd.service', key: 'ExecStart', prefix: '', ours: ['$out/sbin/libvirtd', '$LIBVIRTD_ARGS'], hand: ['$out/sbin/libvirtd', '$LIBVIRTD_ARGS'], verdict: 'same' },
      {
        unit: 'libvirtd.service',
        key: 'ExecReload',
        prefix: '',
        ours: ['$util-linux/bin/kill', '-HUP', '$MAINPID'],
        hand: ['$coreutils/bin/kill', '-HUP', '$MAINPID'],
        verdict: 'differs',
        id: 'libvirt-kill',
        why: 'util-linux is a build input, so its kill is on HOST_PATH and found before the fallback set; the hand patch names coreutils. Both kill programs take -SIGNAL PID alike, and util-linux is in the closure anyway.',
      },
      { unit: 'virtlockd.service', key: 'ExecStart', prefix: '', ours: ['$out/sbin/virtlockd', '$VIRTLOCKD_ARGS'], hand: ['$out/sbin/virtlockd', '$VIRTLOCKD_ARGS'], verdict: 'same' },
      { unit: 'virtlockd.service', key: 'ExecReload', prefix: '', ours: ['$util-linux/bin/kill', '-USR1', '$MAINPID'], hand: ['$coreutils/bin/kill', '-USR1', '$MAINPID'], verdict: 'differs', id: 'libvirt-kill', why: 'as for libvirtd.service' },
      { unit: 'virtlogd.service', key: 'ExecStart', prefix: '', ours: ['$out/sbin/virtlogd', '$VIRTLOGD_ARGS'], hand: ['$out/sbin/virtlogd', '$VIRTLOGD_ARGS'], verdict: 'same' },
      { unit: 'virtlogd.service', key: 'ExecReload', prefix: '', ours: ['$util-linux/bin/kill', '-USR1', '$MAINPID'], hand: ['$coreutils/bin/kill', '-USR1', '$MAINPID'], verdict: 'differs', id: 'libvirt-kill', why: 'as for libvirtd.service' },
    ],
    upstreamLines: [
      // Upstream's libvirtd.service passes --timeout 120 on the command line, Debian's in LIBVIRTD_ARGS.
      { id: 'libvirt-upstream-timeout', line: 'ExecStart=/usr/sbin/libvirtd --timeout 120 $LIBVIRTD_ARGS', ours: ['$out/sbin/libvirtd', '--timeout', '120', '$LIBVIRTD_ARGS'], hand: ['$out/sbin/libvirtd', '--timeout', '120', '$LIBVIRTD_ARGS'], verdict: 'same' },
    ],
  },
  {
    // pkgs/os-specific/linux/lvm2/common.nix: preConfigure; configure fills in @SBINDIR@ with $bin/bin.
    attribute: 'lvm2',
    debian: ['lvm2'],
    outputs: {
      out: { programs: [] },
      dev: { programs: [] },
      man: { programs: [] },
      bin: { programs: bin('lvm', 'dmsetup', 'dmstats', 'blkdeactivate', 'fsadm', 'lvmdump', 'lvm_import_vdo', 'lvmconfig', 'lvcreate', 'lvs', 'pvs', 'vgs', 'vgchange', 'vgscan', 'pvscan') },
      lib: { programs: [] },
    },
    buildInputs: ['libaio', 'systemd', 'util-linux-minimal'],
    fallbackUsed: [],
    commands: [
      { unit: 'blk-availability.service', key: 'ExecStop', prefix: '', ours: ['$bin/bin/blkdeactivate', '-u', '-l', 'wholevg', '-m', 'disablequeueing', '-r', 'wait'], hand: ['$bin/bin/blkdeactivate', '-u', '-l', 'wholevg', '-m', 'disablequeueing', '-r', 'wait'], verdict: 'same' },
      {
        unit: 'lvm2-lvmpolld.service',
        key: 'ExecStart',
        prefix: '',
        ours: ['/sbin/lvmpolld', '-t', '60', '-f'],
        hand: ['/sbin/lvmpolld', '-t', '60', '-f'],
        verdict: 'absent',
        id: 'lvm2-lvmpolld',
        why: 'nixpkgs does not configure --enable-lvmpolld, so it ships neither lvmpolld nor this unit; Debian does. unitfix finds no lvmpolld, leaves the path and reports it.',
      },
      { unit: 'lvm2-monitor.service', key: 'ExecStart', prefix: '', ours: ['$bin/bin/lvm', 'vgchange', '--monitor', 'y'], hand: ['$bin/bin/lvm', 'vgchange', '--monitor', 'y'], verdict: 'same' },
      { unit: 'lvm2-monitor.service', key: 'ExecStop', prefix: '', ours: ['$bin/bin/lvm', 'vgchange', '--monitor', 'n'], hand: ['$bin/bin/lvm', 'vgchange', '--monitor', 'n'], verdict: 'same' },
    ],
    upstreamLines: [
      // Upstream's blk-availability.service has ExecStart=/usr/bin/true; Debian's drops it.
      { id: 'lvm2-upstream-true', line: 'ExecStart=/usr/bin/true', ours: ['$coreutils/bin/true'], hand: ['$coreutils/bin/true'], verdict: 'same' },
    ],
  },
];
