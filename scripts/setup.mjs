// One-time set-up for a fresh clone: npm packages from the lock file, Debian's Chromium and a
// Chinese font (the zh widget screenshots are unreadable boxes without one).
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

const lock = statSync('package-lock.json').mtimeMs;
const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || statSync(marker).mtimeMs < lock) {
  console.log('setup: installing npm packages from package-lock.json');
  run('npm ci --no-audit --no-fund');
}

const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const missing = [
  ...(existsSync(chromium) ? [] : ['chromium']),
  ...(existsSync(CJK_FONT) ? [] : ['fonts-wqy-microhei']),
];
if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  console.log(`setup: installing Debian ${missing.join(', ')}`);
  const sudo = isRoot ? '' : 'sudo ';
  run(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq ${missing.join(' ')}`);
}
