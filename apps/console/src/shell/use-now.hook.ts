// A clock that ticks once a second, for countdowns.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "1:05", "-0:12" (overdue), or "12m", for a countdown to `deadline`. */
export function formatRemaining(deadlineMs: number, now: number): string {
  const seconds = Math.round((deadlineMs - now) / 1000);
  const abs = Math.abs(seconds);
  const text =
    abs >= 3600
      ? `${Math.floor(abs / 3600)}h ${Math.floor((abs % 3600) / 60)}m`
      : `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return seconds < 0 ? `-${text}` : text;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
