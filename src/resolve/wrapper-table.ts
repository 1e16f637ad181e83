/**
 * Programs a system provides as setuid/setcap wrappers outside the store
 * (nixpkgs issue 5692: pointing a unit at the plain store binary silently
 * drops the privileges). Each maps to the wrapper the unit should call
 * instead, or to null to leave the command untouched and report it.
 *
 * Defaults follow NixOS' security.wrappers, which installs them in
 * /run/wrappers/bin. Users override entries with --wrapper NAME=PATH (or
 * NAME= for null) or a JSON file given to --wrappers.
 */
export const WRAPPER_DIR = '/run/wrappers/bin';

export const DEFAULT_WRAPPERS: Readonly<Record<string, string | null>> = {
  sudo: `${WRAPPER_DIR}/sudo`, // sudo: setuid root
  sudoedit: `${WRAPPER_DIR}/sudoedit`, // sudo: setuid root
  doas: `${WRAPPER_DIR}/doas`, // opendoas: setuid root
  su: `${WRAPPER_DIR}/su`, // shadow: setuid root
  pkexec: `${WRAPPER_DIR}/pkexec`, // polkit: setuid root
  passwd: `${WRAPPER_DIR}/passwd`, // shadow: setuid root
  chsh: `${WRAPPER_DIR}/chsh`, // shadow: setuid root
  chfn: `${WRAPPER_DIR}/chfn`, // shadow: setuid root
  newgrp: `${WRAPPER_DIR}/newgrp`, // shadow: setuid root
  sg: `${WRAPPER_DIR}/sg`, // shadow: setuid root
  gpasswd: `${WRAPPER_DIR}/gpasswd`, // shadow: setuid root
  newuidmap: `${WRAPPER_DIR}/newuidmap`, // shadow: setuid root, for user namespaces
  newgidmap: `${WRAPPER_DIR}/newgidmap`, // shadow: setuid root, for user namespaces
  unix_chkpwd: `${WRAPPER_DIR}/unix_chkpwd`, // linux-pam: setuid root
  mount: `${WRAPPER_DIR}/mount`, // util-linux: setuid root for user mounts
  umount: `${WRAPPER_DIR}/umount`, // util-linux: setuid root for user mounts
  fusermount: `${WRAPPER_DIR}/fusermount`, // fuse 2: setuid root
  fusermount3: `${WRAPPER_DIR}/fusermount3`, // fuse 3: setuid root
  ping: `${WRAPPER_DIR}/ping`, // iputils: cap_net_raw
  crontab: `${WRAPPER_DIR}/crontab`, // cronie: setgid crontab
  'dbus-daemon-launch-helper': `${WRAPPER_DIR}/dbus-daemon-launch-helper`, // dbus: setuid root
  'polkit-agent-helper-1': `${WRAPPER_DIR}/polkit-agent-helper-1`, // polkit: setuid root
};
