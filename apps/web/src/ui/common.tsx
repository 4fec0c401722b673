/** Small building blocks shared by both views: loading state, messages, cards. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError, useT } from '../i18n.js';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever a dependency changes (`deps` name what `load` reads, as useEffect's do);
 * an answer that arrives after a newer request was started is dropped, so a fast period switch
 * never shows the figures of the period before. The last data stays shown while a refresh runs.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ data: s.data, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, loading: false }),
      (error) => mine === generation.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}

export function Card(props: { title: string; help?: string; children: ComponentChildren; wide?: boolean; testId?: string; actions?: ComponentChildren }) {
  return (
    <section class={`card${props.wide ? ' wide' : ''}`} data-testid={props.testId}>
      <header class="card-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      {props.help && <p class="help">{props.help}</p>}
      {props.children}
    </section>
  );
}

/** A refused or failed request, in words the reader can act on, with the server's words under "details". */
export function ErrorNote(props: { error: unknown; onRetry?: () => void; prefix?: string }) {
  const t = useT();
  const { message, details } = describeError(t, props.error);
  return (
    <div class="note error" role="alert" data-code={(props.error as { code?: string })?.code ?? 'other'}>
      <p>
        {props.prefix}
        {message}
      </p>
      {details && (
        <details>
          <summary>{t('details')}</summary>
          <code>{details}</code>
        </details>
      )}
      {props.onRetry && (
        <button type="button" class="secondary" onClick={props.onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="note empty">{props.children}</div>;
}

/** Shows the loading, error and empty states of a Loaded value, and the content once there is data. */
export function Show<T>(props: { value: Loaded<T>; empty?: (data: T) => string | null; children: (data: T) => ComponentChildren }) {
  const t = useT();
  const { value } = props;
  if (value.error) return <ErrorNote error={value.error} onRetry={value.reload} prefix={t('failed')} />;
  if (value.data === undefined) return <div class="note loading">{t('loading')}</div>;
  const empty = props.empty?.(value.data);
  if (empty) return <Empty>{empty}</Empty>;
  return <div class={value.loading ? 'refreshing' : undefined}>{props.children(value.data)}</div>;
}

export const percent = (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '—' : `${Math.round(ratio * 100)}%`);

/** Committee time is UTC+8 all year (no daylight saving): periods, days and years are counted in it. */
export const COMMITTEE_OFFSET_MS = 8 * 3600_000;
/** An instant shifted so that its UTC fields read as committee time. */
const inCommitteeTime = (ms: number) => new Date(ms + COMMITTEE_OFFSET_MS);
/** A recorded instant as the committee's calendar day (UTC+8). */
export const committeeDay = (iso: string | null | undefined) => (iso ? inCommitteeTime(Date.parse(iso)).toISOString().slice(0, 10) : '—');
/** A recorded instant as committee date and time, to the minute. */
export const committeeTime = (iso: string | null | undefined) => (iso ? inCommitteeTime(Date.parse(iso)).toISOString().slice(0, 16).replace('T', ' ') : '—');
/** The committee-time year of an instant. */
export const committeeYear = (iso: string) => inCommitteeTime(Date.parse(iso)).getUTCFullYear();
/** Today in committee time, which decides the current year and quarter. */
export function committeeToday() {
  const shifted = inCommitteeTime(Date.now());
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, iso: shifted.toISOString().slice(0, 10) };
}

/** The browser's local time, to the minute, as a datetime-local input wants it. */
export function localMinute(date = new Date()): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}
