/** Download buttons for the cards' tables: the file is made in the browser from the card's data. */
import { useState } from 'preact/hooks';
import { useT } from '../i18n.js';
import { ErrorNote } from './common.js';
import { toSpreadsheetCsv } from './csv.js';

/** Hands the browser a CSV file to save under `name`. */
export function downloadCsv(name: string, header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): void {
  downloadBlob(name, new Blob([toSpreadsheetCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** Hands the browser a file to save under `name` (a CSV made here, or a file the API made). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A card's download button; `onDownload` may be slow (it may fetch every page of a table), so the button waits for it. A CSV's words unless `label` and `help` say otherwise. */
export function DownloadButton(props: { testId: string; onDownload: () => void | Promise<void>; label?: string; help?: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  const click = async () => {
    setBusy(true);
    setFailed(null);
    try {
      await props.onDownload();
    } catch (error) {
      setFailed(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="inline small">
      <button type="button" class="secondary" data-testid={props.testId} title={props.help ?? t('downloadHelp')} disabled={busy} onClick={click}>
        {busy ? t('downloading') : (props.label ?? t('download'))}
      </button>
      {failed !== null && <ErrorNote error={failed} prefix={t('failed')} />}
    </span>
  );
}
