export interface LateBeat {
  beat: number;
  lateMs: number;
}

export interface Heartbeat {
  readonly beats: number;
  stop(): void;
}

export function startHeartbeat(intervalMs: number, thresholdMs: number, onLate: (late: LateBeat) => void): Heartbeat {
  let beats = 0;
  let previous = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    beats += 1;
    const lateMs = now - previous - intervalMs;
    previous = now;
    // Report how late the beat was.
    onLate({ beat: beats, lateMs });
  }, intervalMs);
  timer.unref();
  return {
    get beats() {
      return beats;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
