/**
 * Committee wall-clock time for the sample: values are encoded with Date.UTC and written without an
 * offset (`2020-03-05T09:30`), which the import (and `parseInstant`) reads as China Standard Time.
 * Encoding local time as UTC keeps weekday and month arithmetic free of offset corrections.
 */
export const DAY = 86_400_000;

export const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d);

const pad = (n: number) => String(n).padStart(2, '0');

export const dateOf = (ms: number): string => {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

export const dateTimeOf = (ms: number): string => {
  const t = new Date(ms);
  return `${dateOf(ms)}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
};
