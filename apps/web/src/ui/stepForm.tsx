/**
 * One step of a record as a small form (adopt, issue, forward, hold, follow up …): the fields are
 * described, not hand-written, so every step of the wings' desks reads and behaves alike. Each
 * input is named by its field, a refusal is shown as the API coded it (ErrorNote) and the form
 * keeps what was typed; after a write the form says so and hands the position on.
 */
import { useState } from 'preact/hooks';
import { useT } from '../i18n.js';
import { ErrorNote } from './common.js';
import { useWrite } from './write.js';

type Base = { name: string; label: string; required?: boolean };
export type FieldSpec =
  | (Base & { kind: 'text' | 'textarea' | 'date' | 'number'; initial?: string })
  | (Base & { kind: 'select'; options: ReadonlyArray<readonly [string, string]>; initial?: string })
  /** Several of the options, as checkboxes. */
  | (Base & { kind: 'multi'; options: ReadonlyArray<readonly [string, string]>; initial?: string[] })
  | (Base & { kind: 'check'; initial?: boolean });

export type FieldValues = Record<string, string | string[] | boolean>;

const initialOf = (f: FieldSpec): string | string[] | boolean =>
  f.kind === 'multi' ? (f.initial ?? []) : f.kind === 'check' ? (f.initial ?? false) : f.kind === 'select' ? (f.initial ?? f.options[0]?.[0] ?? '') : (f.initial ?? '');

/** Text values trimmed; an empty optional value is left out, so the API applies its default. */
export function present(values: FieldValues, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (typeof values[n] === 'string' && (values[n] as string).trim() ? [[n, (values[n] as string).trim()]] : [])));
}

export function StepForm(props: {
  testId: string;
  /** Its heading; none when the card around it already says what it is. */
  title?: string;
  fields: FieldSpec[];
  submit: string;
  send: (values: FieldValues) => Promise<number>;
  onDone: (position: number) => void;
  /** Said once the write went through. */
  done?: string;
  /** Clear the fields after a write (an intake form); a step's form stays as it was. */
  clear?: boolean;
}) {
  const t = useT();
  const [values, setValues] = useState<FieldValues>(() => Object.fromEntries(props.fields.map((f) => [f.name, initialOf(f)])));
  const [wrote, setWrote] = useState(false);
  const { error, busy, run } = useWrite();
  const set = (name: string, value: string | string[] | boolean) => setValues((v) => ({ ...v, [name]: value }));
  return (
    <form
      class="change-form"
      data-testid={props.testId}
      onSubmit={async (e) => {
        e.preventDefault();
        setWrote(false);
        const at = await run(() => props.send(values));
        if (at === null) return;
        setWrote(true);
        if (props.clear) setValues(Object.fromEntries(props.fields.map((f) => [f.name, initialOf(f)])));
        props.onDone(at);
      }}
    >
      {props.title && <h3>{props.title}</h3>}
      {error !== null && <ErrorNote error={error} />}
      {wrote && props.done && <p class="note ok" role="status" data-testid="done">{props.done}</p>}
      {props.fields.map((f) => {
        const value = values[f.name];
        if (f.kind === 'check')
          return (
            <label key={f.name} class="choice">
              <input type="checkbox" name={f.name} checked={value === true} onChange={(e) => set(f.name, e.currentTarget.checked)} /> {f.label}
            </label>
          );
        if (f.kind === 'multi')
          return (
            <fieldset key={f.name}>
              <legend>{f.label}</legend>
              {f.options.map(([v, label]) => (
                <label key={v} class="choice">
                  <input
                    type="checkbox"
                    name={f.name}
                    value={v}
                    checked={(value as string[]).includes(v)}
                    onChange={(e) => set(f.name, e.currentTarget.checked ? [...(value as string[]), v] : (value as string[]).filter((x) => x !== v))}
                  />{' '}
                  {label}
                </label>
              ))}
            </fieldset>
          );
        return (
          <label key={f.name}>
            {f.label}
            {f.kind === 'select' ? (
              <select name={f.name} required={f.required} value={value as string} onChange={(e) => set(f.name, e.currentTarget.value)}>
                {f.options.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
              </select>
            ) : f.kind === 'textarea' ? (
              <textarea name={f.name} required={f.required} value={value as string} onInput={(e) => set(f.name, e.currentTarget.value)} />
            ) : (
              <input name={f.name} type={f.kind as string as "text"} required={f.required} value={value as string} onInput={(e) => set(f.name, e.currentTarget.value)} />
            )}
          </label>
        );
      })}
      <button type="submit" disabled={busy !== null}>{busy !== null ? t('loading') : props.submit}</button>
    </form>
  );
}
