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
  let stopped = false;
  let previous = performance.now();
  const timer = setInterval(() => {
    if (stopped) return; // stopped: ignore the beat
    const now = performance.now();
    beats += 1;
    const lateMs = now - previous - intervalMs;
    previous = now;
    if (lateMs > thresholdMs) onLate({ beat: beats, lateMs });
  }, intervalMs);
  timer.unref();
  return {
    get beats() {
      return beats;
    },
    stop() {
      stopped = true;
    },
  };
}
