// Durations as users read them in notices and errors.

/** 0.3s, 6s, 6.3s, 10m 12s. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)}m ${whole % 60}s`;
}
