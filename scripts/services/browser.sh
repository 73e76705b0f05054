# shellcheck shell=bash
# Headless Chromium for the console's browser tests (test/console), installed with the other services.

# The path the tests launch (playwright-core with executablePath); CHROMIUM_PATH overrides it.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

browser_missing_packages() {
  [[ -x $CHROMIUM_PATH ]] || echo chromium
}
