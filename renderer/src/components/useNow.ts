// A clock that re-renders its user every `ms`, for "fetched 5 min ago" texts.
import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` milliseconds. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
