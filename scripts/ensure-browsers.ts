import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The e2e tests drive Debian's Chromium and Firefox ESR (test tools cannot download their own browsers
 * here). Install them when missing and we can (root with apt-get); otherwise stop with one clear line.
 */
const needed = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
].filter(({ bin }) => !existsSync(bin));

if (needed.length > 0) {
  const packages = needed.map(({ pkg }) => pkg);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Missing browsers: run "sudo apt-get install -y ${packages.join(' ')}" and try again.`);
    process.exit(1);
  }
  console.log(`Installing ${packages.join(', ')} with apt-get…`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
