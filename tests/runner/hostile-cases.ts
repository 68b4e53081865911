// Learner code that misbehaves, each case with the verdict it must get and the test whose message must say why.
// Graded by the Node runner (hostile.test.ts) and by the in-page runtime in Chromium (tests/browser-runtime/).
import type { GradeReport } from '../../src/lib/schemas/report.ts';

export const ok = `export function sum(a: number, b: number): number {\n  return a + b;\n}\nexport async function sumLater(a: number, b: number): Promise<number> {\n  return a + b;\n}\n`;
export const inSum = (body: string) => ok.replace('  return a + b;\n}\nexport async', `  ${body}\n  return a + b;\n}\nexport async`);

export interface Case {
  name: string;
  code: string;
  verdict: GradeReport['verdict'];
  /** A test or check whose message must match. */
  expect: { name: RegExp; message: RegExp };
}

export const cases: Case[] = [
  { name: 'loops forever synchronously', code: inSum('while (true) {}'), verdict: 'timeout', expect: { name: /adds two numbers/, message: /Still running when the 5 s limit/ } },
  {
    name: 'loops forever in microtasks',
    code: inSum('const spin = (): Promise<void> => Promise.resolve().then(spin); void spin();'),
    verdict: 'timeout',
    expect: { name: /Lets the test run finish|adds/, message: /busy|Still running/ },
  },
  {
    name: 'returns a promise that never settles',
    code: ok.replace('Promise<number> {\n  return a + b;', 'Promise<number> {\n  await new Promise(() => {});\n  return a + b;'),
    verdict: 'timeout',
    expect: { name: /resolves with the sum/, message: /Did not finish within 1.5 s/ },
  },
  { name: 'keeps the process alive with an interval', code: ok + 'setInterval(() => {}, 1000);\n', verdict: 'fail', expect: { name: /Leaves no timers running/, message: /setInterval every 1000 ms/ } },
  { name: 'calls process.exit(0)', code: inSum('process.exit(0);'), verdict: 'fail', expect: { name: /adds two numbers/, message: /process\.exit unexpectedly called with "0"/ } },
  { name: 'calls process.exit(1) at import', code: 'process.exit(1);\n' + ok, verdict: 'fail', expect: { name: /Your code loads/, message: /process\.exit unexpectedly called with "1"/ } },
  { name: 'throws at import', code: 'throw new Error("boom at import");\n' + ok, verdict: 'fail', expect: { name: /Your code loads/, message: /boom at import/ } },
  { name: 'has a syntax error', code: ok.replace('return a + b;', 'return a + ;'), verdict: 'fail', expect: { name: /Your code loads/, message: /sum\.ts:2:/ } },
  { name: 'prints megabytes', code: inSum('for (let i = 0; i < 6000; i++) console.log("x".repeat(200));'), verdict: 'fail', expect: { name: /Keeps its output under 1 MB/, message: /printed 2\.\d MB/ } },
  { name: 'replaces setTimeout', code: '(globalThis as { setTimeout: unknown }).setTimeout = () => 0;\n' + ok, verdict: 'fail', expect: { name: /Leaves the built-in globals alone/, message: /replaced setTimeout/ } },
  { name: 'replaces Promise', code: '(globalThis as { Promise: unknown }).Promise = function () {};\n' + ok, verdict: 'fail', expect: { name: /./, message: /./ } },
  {
    name: 'throws from a timer callback, so its promise never settles',
    code: ok.replace('Promise<number> {\n  return a + b;', 'Promise<number> {\n  return new Promise(() => {\n    setTimeout(() => {\n      throw new RangeError(`late ${a}`);\n    }, 5);\n  });'),
    verdict: 'timeout',
    expect: {
      name: /No errors thrown outside the tests/,
      message: /^RangeError: late \d+\nThrown from a setTimeout or setInterval callback at sum\.ts:7, and not caught, while the test "resolves with the sum" was running\./,
    },
  },
  {
    name: 'leaves a rejected promise unhandled',
    code: ok.replace('Promise<number> {\n  return a + b;', 'Promise<number> {\n  void Promise.reject(new TypeError("nobody listens"));\n  return a + b;'),
    verdict: 'fail',
    expect: {
      name: /No errors thrown outside the tests/,
      message: /^TypeError: nobody listens\nA promise rejected with it and nothing handled the rejection \(the error was created at sum\.ts:5\)\. Await the promise/,
    },
  },
  { name: 'kills its own process', code: inSum('process.kill(process.pid, "SIGKILL");'), verdict: 'fail', expect: { name: /adds two numbers/, message: /stopped/ } },
];

