import { afterEach, beforeEach, chai, describe, expect, test, vi } from 'vitest';
import { startHeartbeat } from '#subject/heartbeat.ts';
import type { Heartbeat, LateBeat } from '#subject/heartbeat.ts';

// Everything runs on Vitest's fake clock: time is virtual milliseconds that the grader moves on. performance.now()
// and Date.now() read the same fake clock, so a solution may use either.
//
// A blocked loop is simulated by block(ms): the clock jumps ms ahead and no timer runs meanwhile, exactly as if a
// callback had kept the thread busy for ms. The next beat then comes exactly ms late.

chai.config.truncateThreshold = 0;

const started: Heartbeat[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  const origin = Date.now();
  // vi.setSystemTime moves Date.now() but not the fake performance.now(); tie the two together.
  vi.spyOn(performance, 'now').mockImplementation(() => Date.now() - origin + 10_000);
});

afterEach(() => {
  for (const heartbeat of started.splice(0)) {
    try {
      heartbeat.stop();
    } catch {
      // a broken stop() is reported by its own test
    }
  }
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Pretends some callback kept the thread busy for `ms`: the clock moves on, no timer runs. */
function block(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

/** Starts a heartbeat and collects what it reports. */
function watch(intervalMs: number, thresholdMs: number) {
  const reports: LateBeat[] = [];
  const heartbeat = startHeartbeat(intervalMs, thresholdMs, (late) => reports.push({ beat: late.beat, lateMs: late.lateMs }));
  started.push(heartbeat);
  return { heartbeat, reports };
}

const show = (reports: LateBeat[]) => (reports.length ? reports.map((r) => `beat ${r.beat}: ${r.lateMs} ms late`).join(', ') : 'no reports');

describe('1. Beat every intervalMs', () => {
  test('has not beaten yet when it returns', () => {
    const { heartbeat } = watch(100, 50);
    expect(heartbeat.beats, 'beats right after startHeartbeat(100, 50, ...)').toBe(0);
  });

  test('beats once per interval', () => {
    const { heartbeat } = watch(100, 50);
    vi.advanceTimersByTime(99);
    expect(heartbeat.beats, 'beats after 99 ms, with intervalMs 100').toBe(0);
    vi.advanceTimersByTime(1);
    expect(heartbeat.beats, 'beats after 100 ms, with intervalMs 100').toBe(1);
    vi.advanceTimersByTime(250);
    expect(heartbeat.beats, 'beats after 350 ms, with intervalMs 100').toBe(3);
  });

  test('uses the interval it was given', () => {
    const { heartbeat } = watch(40, 10);
    vi.advanceTimersByTime(1000);
    expect(heartbeat.beats, 'beats after 1000 ms, with intervalMs 40').toBe(25);
  });
});

describe('2. Report beats that come late', () => {
  test('reports nothing while every beat is on time', () => {
    const { reports } = watch(100, 50);
    vi.advanceTimersByTime(1000);
    expect(show(reports), 'what onLate received over 1 s of on-time beats (intervalMs 100, thresholdMs 50)').toBe('no reports');
  });

  test('reports a beat delayed by a blocked loop, with how late it came', () => {
    const { reports } = watch(100, 50);
    vi.advanceTimersByTime(250); // beats 1 and 2, on time
    block(300);
    vi.advanceTimersByTime(50); // beat 3 comes now, 300 ms late
    expect(show(reports), 'what onLate received after the loop was blocked for 300 ms just before beat 3').toBe(
      'beat 3: 300 ms late',
    );
  });

  test('reports the first beat when the loop was blocked right after the start', () => {
    const { reports } = watch(100, 50);
    block(180);
    vi.advanceTimersByTime(100);
    expect(show(reports), 'what onLate received when the loop was blocked for 180 ms before the first beat').toBe(
      'beat 1: 180 ms late',
    );
  });

  test('does not report a beat late by thresholdMs or less', () => {
    const { reports } = watch(100, 50);
    vi.advanceTimersByTime(50);
    block(50); // beat 1: exactly thresholdMs late
    vi.advanceTimersByTime(100);
    block(30); // beat 2: less than thresholdMs late
    vi.advanceTimersByTime(100);
    block(51); // beat 3: just over
    vi.advanceTimersByTime(100);
    expect(show(reports), 'what onLate received for beats 50, 30 and 51 ms late, with thresholdMs 50').toBe('beat 3: 51 ms late');
  });
});

describe('3. One stall, one report', () => {
  test('after a stall, the later beats are on time again', () => {
    const { reports, heartbeat } = watch(100, 50);
    vi.advanceTimersByTime(250);
    block(300);
    vi.advanceTimersByTime(1000);
    expect(heartbeat.beats, 'beats after 1250 ms of virtual time (intervalMs 100)').toBe(12);
    expect(
      show(reports),
      'what onLate received over 1.25 s with one 300 ms stall. Node schedules the next run of an interval from when ' +
        'its callback ran, so only the beat right after the stall is late; measure each beat from the previous one',
    ).toBe('beat 3: 300 ms late');
  });

  test('two stalls give two reports, each with its own size', () => {
    const { reports } = watch(100, 50);
    vi.advanceTimersByTime(150);
    block(120); // delays beat 2
    vi.advanceTimersByTime(500); // beats 2 to 6
    block(400); // delays beat 7
    vi.advanceTimersByTime(300);
    expect(show(reports), 'what onLate received for a 120 ms stall before beat 2 and a 400 ms stall before beat 7').toBe(
      'beat 2: 120 ms late, beat 7: 400 ms late',
    );
  });
});

describe('4. Stop without leaving a timer', () => {
  test('stop() leaves no timer scheduled', () => {
    const { heartbeat } = watch(100, 50);
    vi.advanceTimersByTime(250);
    heartbeat.stop();
    expect(vi.getTimerCount(), 'timers still scheduled after stop(); the interval must be cleared, not just ignored').toBe(0);
  });

  test('no beats and no reports after stop()', () => {
    const { heartbeat, reports } = watch(100, 50);
    vi.advanceTimersByTime(250);
    heartbeat.stop();
    block(500);
    vi.advanceTimersByTime(1000);
    expect(heartbeat.beats, 'beats after stop() at 250 ms, then 1.5 s more').toBe(2);
    expect(show(reports), 'what onLate received after stop()').toBe('no reports');
  });

  test('calling stop() twice is harmless', () => {
    const { heartbeat } = watch(100, 50);
    heartbeat.stop();
    expect(() => heartbeat.stop(), 'a second stop()').not.toThrow();
    expect(vi.getTimerCount(), 'timers still scheduled after stop() twice').toBe(0);
  });

  test('the timer is unref\'d, so the heartbeat alone does not keep the process alive', () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    watch(100, 50);
    expect(spy, 'calls to setInterval in startHeartbeat').toHaveBeenCalledTimes(1);
    const timer = spy.mock.results[0]?.value as { hasRef?: () => boolean } | undefined;
    expect(timer?.hasRef?.(), 'timer.hasRef() for the heartbeat\'s interval (call timer.unref() on it)').toBe(false);
  });
});
