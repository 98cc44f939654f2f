#!/usr/bin/env bash
set -euo pipefail
# Installs Debian's headless browser and its WebDriver (`chromium`, `chromium-driver`) with apt
# when a machine lacks them: the demo's browser test (ear/it-wildfly, OnboardingBrowserIT) drives
# /usr/bin/chromium through /usr/bin/chromedriver. Run by .ci/run; safe to run again.
need_install=()
[ -x /usr/bin/chromium ] || need_install+=(chromium)
[ -x /usr/bin/chromedriver ] || need_install+=(chromium-driver)
[ ${#need_install[@]} -gt 0 ] || exit 0

echo "installing: ${need_install[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
# other installers (tools/ensure-*.sh) may hold apt's lock for a while: wait for it, bounded
apt_get=("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300)
"${apt_get[@]}" update -q
for package in "${need_install[@]}"; do
  # Ubuntu has no such packages (its Chromium is a snap, which the test does not drive)
  if ! apt-cache show "$package" > /dev/null 2>&1; then
    echo "this system's apt has no '$package' package (Debian's; Ubuntu ships Chromium only as a snap):" \
      "put a Chromium at /usr/bin/chromium and its chromedriver at /usr/bin/chromedriver, or leave the" \
      "servers out with -DskipITs" >&2
    exit 1
  fi
done
"${apt_get[@]}" install -y -q --no-install-recommends "${need_install[@]}"
