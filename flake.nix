{
  description = "unitfix: point what Nix packages ship for systemd at their own store paths instead of /usr";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      overlays.default = final: prev: {
        unitfix = final.callPackage ./nix-hooks/package.nix { src = self; };
      };

      packages = forAllSystems (pkgs: rec {
        unitfix = pkgs.callPackage ./nix-hooks/package.nix { src = self; };
        hook = unitfix.hook;
        default = unitfix;
      });
    };
}
