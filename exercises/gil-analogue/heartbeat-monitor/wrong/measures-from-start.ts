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
  const start = performance.now();
  const timer = setInterval(() => {
    beats += 1;
    // Beat n is due at start + n * intervalMs; anything after that is lateness.
    const lateMs = performance.now() - (start + beats * intervalMs);
    if (lateMs > thresholdMs) onLate({ beat: beats, lateMs });
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
