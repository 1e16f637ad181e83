# `nix-build` from a checkout: the unitfix CLI; `nix-build -A hook` for the setup hook.
{ pkgs ? import <nixpkgs> { } }:

let
  unitfix = pkgs.callPackage ./nix-hooks/package.nix { };
in
unitfix // {
  inherit (unitfix) hook;
  # unitfix.imageCheck { closure = [ system ]; }: the closure checked by systemd's image tools.
  imageCheck = pkgs.callPackage ./nix-hooks/image-check.nix { inherit unitfix; };
}
