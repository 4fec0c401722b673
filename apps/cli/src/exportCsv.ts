/**
 * `export-csv contacts`: every contact as a CSV for a spreadsheet, with formula injection
 * neutralised in every cell (see `toSpreadsheetCsv`). Columns follow the import's contacts.csv,
 * lists `;`-separated, then what the record adds. It reads the log and writes nothing to it.
 * This is an operator's tool on the data file, so it includes summaries and issues raised: the
 * file's own permissions are the access control.
 */
import { writeFile } from 'node:fs/promises';
import { SqliteEventStore } from '#event-store/sqlite';
import { LiaisonView } from '#projections/liaison/liaisonView';
import { ProjectionRunner } from '#projections/shared/runner';
import { readContactTexts } from '#projections/liaison/network/contactText';
import { toSpreadsheetCsv } from './csv.js';

export const EXPORTABLE = ['contacts'] as const;

const CONTACT_COLUMNS = [
  'id',
  'occurred_at',
  'channel',
  'participant_ids',
  'link_ids',
  'topic',
  'summary',
  'issues_raised',
  'liaison_group_id',
  'recorded_at',
  'recorded_by',
  'retracted',
  'corrections',
];

export async function exportContactsCsv(file: string): Promise<{ csv: string; rows: number }> {
  const store = new SqliteEventStore({ file });
  try {
    const model = new LiaisonView();
    await new ProjectionRunner(store, model).catchUp();
    const contacts = [...model.contacts.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // What was said is read from the log, where the model left it (contactText.ts).
    const texts = await readContactTexts(store, contacts.map((c) => c.textAt));
    const rows = contacts.map((c, i) => {
      const text = texts[i]!;
      if (text instanceof Error) throw text;
      return [
        c.id,
        c.occurredAt,
        c.channel,
        c.participantIds.join(';'),
        c.linkIds.join(';'),
        text.topic,
        text.summary,
        text.issues.map((issue) => issue.text).join(';'),
        c.liaisonGroupId ?? '',
        c.recordedAt,
        c.recordedBy,
        String(c.retracted),
        String(c.corrections),
      ];
    });
    return { csv: toSpreadsheetCsv(CONTACT_COLUMNS, rows), rows: rows.length };
  } finally {
    await store.close();
  }
}

export async function runExportCsv(what: string, file: string, out: string | undefined, io: { out(line: string): void; err(line: string): void }): Promise<number> {
  if (what !== 'contacts') throw new Error(`export-csv knows ${EXPORTABLE.join(', ')}, not ${what}`);
  const { csv, rows } = await exportContactsCsv(file);
  if (out) {
    await writeFile(out, csv, { mode: 0o600 });
    io.err(`wrote ${rows} contacts to ${out}`);
  } else io.out(csv.trimEnd());
  return 0;
}
