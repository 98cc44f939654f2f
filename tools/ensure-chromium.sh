#!/usr/bin/env bash
set -euo pipefail
# Installs Debian's headless browser and its WebDriver (`chromium`, `chromium-driver`) with apt
# when a machine lacks them: the demo's browser test (ear/it-wildfly, OnboardingBrowserIT) drives
# /usr/bin/chromium through /usr/bin/chromedriver. Run by .ci/run; safe to run again.
need_install=()
[ -x /usr/bin/chromium ] || need_install+=(chromium)
[ -x /usr/bin/chromedriver ] || need_install+=(chromium-driver)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "installing: ${need_install[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  # other installers (tools/ensure-*.sh) may hold apt's lock for a while: wait for it, bounded
  apt_wait=(-o DPkg::Lock::Timeout=300)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_wait[@]}" update -q
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_wait[@]}" install -y -q --no-install-recommends "${need_install[@]}"
fi
