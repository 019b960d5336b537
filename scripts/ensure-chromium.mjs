#!/usr/bin/env node
// Makes sure the browser tests have a Chromium: Debian's /usr/bin/chromium when present, installed with
// apt-get when missing and we are allowed to (root or passwordless sudo); otherwise Playwright's own browser.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function run(command) {
  console.log(`$ ${command}`);
  return spawnSync('sh', ['-c', command], { stdio: 'inherit' }).status === 0;
}

function canApt() {
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) return undefined;
  if (process.getuid?.() === 0) return '';
  try {
    execSync('sudo -n true', { stdio: 'ignore' });
    return 'sudo ';
  } catch {
    return undefined;
  }
}

if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) {
  console.log(`Browser tests use ${process.env.CHROMIUM_PATH} (CHROMIUM_PATH).`);
} else if (existsSync(DEBIAN_CHROMIUM)) {
  console.log(`Browser tests use Debian's Chromium at ${DEBIAN_CHROMIUM}.`);
} else {
  const sudo = canApt();
  if (sudo !== undefined) {
    console.log(
      `Chromium is missing: installing Debian's chromium package with apt-get (needed once for the browser tests).`,
    );
    const ok =
      run(`${sudo}apt-get update -qq`) &&
      run(
        `DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null`,
      );
    if (!ok || !existsSync(DEBIAN_CHROMIUM)) {
      console.error(
        'apt-get could not install chromium. Install it yourself, or set CHROMIUM_PATH to a Chromium binary.',
      );
      process.exit(1);
    }
    console.log(`Installed ${DEBIAN_CHROMIUM}.`);
  } else {
    console.log(
      "No Debian Chromium and no apt-get rights: falling back to Playwright's own Chromium (npx playwright install chromium).",
    );
    if (!run('npx playwright install chromium')) {
      console.error('Could not get a browser for the tests. Install Chromium and set CHROMIUM_PATH.');
      process.exit(1);
    }
  }
}
