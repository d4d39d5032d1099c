#!/usr/bin/env bash
# Installs, from Debian's archive, every package ontonet needs to build and test that is missing.
# Run as root (or through sudo). Installs nothing that is already there.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libeigen3-dev libboost-graph-dev nlohmann-json3-dev libcli11-dev
  zlib1g-dev libhdf5-dev libgtest-dev libgmock-dev
)
if [ "${ONTONET_FUZZ:-0}" = 1 ]; then packages+=(clang libclang-rt-14-dev); fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
