// Intervals in words, for rating buttons ("Good · 3 days") and for "the next card is due in 10 min".
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
/** One decimal below 10 ("1.5 months"), whole numbers above, like Anki. */
const roughly = (n: number): number => (n < 10 ? Math.round(n * 10) / 10 : Math.round(n));

/** `ms` as a short duration: "1 min", "10 min", "5 hours", "3 days", "1.5 months", "2 years". */
export function formatInterval(ms: number): string {
  if (ms < HOUR - MINUTE / 2) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < DAY - HOUR / 2) return plural(Math.round(ms / HOUR), 'hour');
  const days = ms / DAY;
  if (days < 30.5) return plural(Math.round(days), 'day');
  if (days < 365) return plural(roughly(days / 30), 'month');
  return plural(roughly(days / 365), 'year');
}

/** "now" when `due` is not after `now`, otherwise "in 3 days". */
export function formatDueIn(due: Date, now: Date): string {
  const ms = due.getTime() - now.getTime();
  return ms <= 0 ? 'now' : `in ${formatInterval(ms)}`;
}
