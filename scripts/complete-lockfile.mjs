// Usage: node scripts/complete-lockfile.mjs   (after any `npm install` that changes package-lock.json)
//
// The registry our machines reach is missing some other platforms' builds of native packages (for example
// @astrojs/compiler-binding-darwin-arm64@0.5.1). `npm install` then leaves those optional dependencies out of
// package-lock.json, and `npm ci` refuses the lockfile: "Missing: ... from lock file", here and on a learner's
// Mac alike. This adds each missing optional platform package with the os/cpu/libc its name declares, which is
// what npm records with a complete registry; npm skips them on other platforms without fetching anything.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const PLATFORM = [
  [/darwin/, { os: ['darwin'] }],
  [/win32|windows/, { os: ['win32'] }],
  [/android/, { os: ['android'] }],
  [/freebsd/, { os: ['freebsd'] }],
  [/linux/, { os: ['linux'] }],
];
const CPU = [
  [/arm64|aarch64/, ['arm64']],
  [/x64|x86_64/, ['x64']],
  [/ia32/, ['ia32']],
  [/wasm32/, ['wasm32']],
];

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const os = PLATFORM.find(([re]) => re.test(name))?.[1].os;
    const cpu = CPU.find(([re]) => re.test(name))?.[1];
    if (!cpu && !os) {
      console.warn(`left alone: ${name} (${key}) is not a platform package`);
      continue;
    }
    const libc = /musl/.test(name) ? ['musl'] : /gnu/.test(name) ? ['glibc'] : undefined;
    lock.packages[hoisted] = {
      version: String(spec).replace(/^[\^~=]/, ''),
      optional: true,
      ...(cpu ? { cpu } : {}),
      ...(os ? { os } : {}),
      ...(libc ? { libc } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform package(s)`);
