/** Small numeric and formatting helpers for the benchmark's report. */
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Deletes a SQLite file with its WAL and shared-memory files. */
export function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const elapsedSeconds = (startNs: bigint): number => Number(process.hrtime.bigint() - startNs) / 1e9;

/** 1234567 → "1,234,567". */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export const fixed = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export const mb = (bytes: number): number => bytes / (1024 * 1024);

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** Renders rows as a left-aligned text table with a header rule. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** The 1-minute load average and, where the kernel reports it, the share of time tasks waited for a CPU (PSI, last 60 s). */
export function machineLoad(): { load1: number; cpuWaitPct: number | null } {
  let cpuWaitPct: number | null = null;
  try {
    const m = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (m) cpuWaitPct = Number(m[1]);
  } catch {
    // no PSI on this kernel
  }
  return { load1: loadavg()[0]!, cpuWaitPct };
}

export function describeLoad(load = machineLoad()): string {
  return `${load.load1.toFixed(1)}${load.cpuWaitPct === null ? '' : `, cpu-wait ${load.cpuWaitPct.toFixed(0)}%`}`;
}
