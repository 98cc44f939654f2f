#!/usr/bin/env bash
# Installs Java 17+ and Maven with apt when a fresh Debian/Ubuntu machine lacks them, then checks
# Maven is 3.8+ (Debian 12 and Ubuntu 24.04 ship 3.8; older releases ship 3.6, too old for the
# build). Sourced by .ci/run and ear/run-demo.sh.
need_install=()
java_version=$(java -version 2>&1 || true)
grep -Eq 'version "(1[7-9]|2[0-9])' <<< "$java_version" || need_install+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need_install+=(maven)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "installing: ${need_install[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q "${need_install[@]}"
fi
# (Maven may colour its version line even in batch mode: the escape codes are dropped; sed reads
# all of Maven's output, as a 'head' closing the pipe early would fail the pipeline)
maven_version=$(mvn -B -v 2>/dev/null | sed -n '1s/\x1b\[[0-9;]*m//gp' || true)
if ! grep -Eq 'Apache Maven (3\.(8|9)|[4-9])\.' <<< "$maven_version"; then
  echo "Maven 3.8 or newer is needed; found: ${maven_version:-no mvn}" >&2
  exit 1
fi
