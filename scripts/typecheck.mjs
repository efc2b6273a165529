// Each thread is checked against its own lib, so DOM code cannot leak into the worker or core.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const projects = [
  'packages/core',
  'packages/model',
  'packages/model/src/node',
  'packages/sdk/src/main',
  'packages/sdk/src/worker',
  'packages/cli',
  'test',
  'demo',
  'demo/scripts',
].filter((p) => existsSync(`${p}/tsconfig.json`));

let failed = false;
for (const p of projects) {
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', p], {
      stdio: 'inherit',
    });
    console.log(`typecheck ${p}: ok`);
  } catch {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
