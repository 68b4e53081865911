import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ROOT, buildSiteCommand } from './browser.ts';
import { startState } from '../site-build.ts';

// One build for all end-to-end files (they would race each other writing dist/). It starts here but is not waited
// for: the other project's files run meanwhile, instead of both workers idling for the build's half minute. Each
// end-to-end file waits for it before it first reads dist/ (siteBuilt() in browser.ts).
export default function setup(): () => void {
  const { status, log } = startState();
  const { command, args, env } = buildSiteCommand();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('close', (code) => {
    writeFileSync(log, output);
    writeFileSync(status, JSON.stringify({ ok: code === 0, code, log }));
  });
  child.once('error', (error) => writeFileSync(status, JSON.stringify({ ok: false, code: null, log, error: error.message })));
  return () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
}
