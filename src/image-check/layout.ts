/** What the image's tools read from a folder. */
export type FolderKind = 'system-units' | 'user-units' | 'tmpfiles' | 'sysusers' | 'system-presets' | 'user-presets';

export interface LayoutFolder {
  readonly kind: FolderKind;
  /** Folders of a store path, relative to it, whose files go there. */
  readonly from: readonly string[];
  /** The absolute folder in the image. */
  readonly to: string;
}

export interface Layout {
  readonly name: string;
  readonly folders: readonly LayoutFolder[];
}

/**
 * Where each store path's files go in the image. hermetic-/usr: the packages
 * make up /usr and /etc starts empty; etc: a NixOS-style image whose /usr is
 * empty and which links the packages' files into /etc.
 */
export const LAYOUTS: Readonly<Record<string, Layout>> = {
  'hermetic-usr': {
    name: 'hermetic-usr',
    folders: [
      { kind: 'system-units', from: ['lib/systemd/system'], to: '/usr/lib/systemd/system' },
      { kind: 'user-units', from: ['lib/systemd/user', 'share/systemd/user'], to: '/usr/lib/systemd/user' },
      { kind: 'tmpfiles', from: ['lib/tmpfiles.d'], to: '/usr/lib/tmpfiles.d' },
      { kind: 'sysusers', from: ['lib/sysusers.d'], to: '/usr/lib/sysusers.d' },
      { kind: 'system-presets', from: ['lib/systemd/system-preset'], to: '/usr/lib/systemd/system-preset' },
      { kind: 'user-presets', from: ['lib/systemd/user-preset'], to: '/usr/lib/systemd/user-preset' },
    ],
  },
  etc: {
    name: 'etc',
    folders: [
      { kind: 'system-units', from: ['lib/systemd/system', 'etc/systemd/system'], to: '/etc/systemd/system' },
      { kind: 'user-units', from: ['lib/systemd/user', 'share/systemd/user', 'etc/systemd/user'], to: '/etc/systemd/user' },
      { kind: 'tmpfiles', from: ['lib/tmpfiles.d'], to: '/etc/tmpfiles.d' },
      { kind: 'sysusers', from: ['lib/sysusers.d'], to: '/etc/sysusers.d' },
      { kind: 'system-presets', from: ['lib/systemd/system-preset'], to: '/etc/systemd/system-preset' },
      { kind: 'user-presets', from: ['lib/systemd/user-preset'], to: '/etc/systemd/user-preset' },
    ],
  },
};

export const DEFAULT_LAYOUT = LAYOUTS['hermetic-usr']!;
