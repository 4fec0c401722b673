/**
 * A component fetched only when it is first shown: the loader's promise is kept per loader, so
 * a chunk is fetched once however many places show it, and a failed fetch can be tried again
 * (the next mount asks anew). A chunk fetched ahead (preload) renders at once, in the same pass
 * as the components around it, so its requests go out with theirs.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n.js';
import { ErrorNote } from './common.js';

const loaded = new Map<() => Promise<unknown>, { promise: Promise<unknown>; module?: unknown }>();

/** Starts fetching a chunk, once; its module is kept for the first render that needs it. */
export function preload<M>(load: () => Promise<M>): Promise<M> {
  let entry = loaded.get(load);
  if (!entry) {
    const fresh: { promise: Promise<unknown>; module?: unknown } = { promise: load() };
    fresh.promise.then(
      (module) => (fresh.module = module),
      () => loaded.delete(load),
    );
    loaded.set(load, (entry = fresh));
  }
  return entry.promise as Promise<M>;
}

export function Lazy<M, P extends object>(props: { load: () => Promise<M>; pick: (module: M) => ComponentType<P>; props: P }) {
  const t = useT();
  const [component, setComponent] = useState<{ C: ComponentType<P> } | null>(() => {
    const ready = loaded.get(props.load)?.module as M | undefined;
    return ready ? { C: props.pick(ready) } : null;
  });
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (component) return;
    preload(props.load).then(
      (module) => setComponent({ C: props.pick(module) }),
      (e: unknown) => setError(e),
    );
  }, [props.load]);
  if (error) return <ErrorNote error={error} />;
  if (!component) return <p class="note loading">{t('loading')}</p>;
  const C = component.C;
  return <C {...props.props} />;
}
