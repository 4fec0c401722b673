import { describe, expect, it } from '@jest/globals';
import type { DomainEvent } from '#domain';
import { InMemoryEventStore } from '#event-store/inMemory';
import * as ev from '#testing/events';
import { record } from '#testing/given';
import { replay } from '../shared/replay/replay.js';
import { ProjectionRunner } from '../shared/runner.js';
import { TimeTravel } from '../shared/timeTravel/timeTravel.js';
import { createProjections } from '../systems.js';
import { OpinionsProjection } from './opinions.projection.js';

const AT = '2025-06-10T02:00:00.000Z';
const submitted = (reportId: string, authorIds: string[], submittedOn: string): DomainEvent => ({
  type: 'OpinionReportSubmitted',
  data: { reportId, authorKind: 'MEMBERS', authorIds, title: reportId, situation: 's', suggestions: 's', source: 'NONE', sourceContactId: null, sourceIssueId: null, sourceProposalId: null, submittedOn, submittedAt: AT },
});
const history = record([
  ev.member('m1'),
  ev.member('m2'),
  ev.member('vc', { roles: ['VICE_CHAIR'] }),
  { type: 'OpinionRecipientDefined', data: { recipientId: 'prov', name: '省政协', level: 'PROVINCE', kind: 'CPPCC', organizationId: null } },
  submitted('a', ['m1'], '2025-01-10'),
  submitted('b', ['m2'], '2025-01-11'),
  { type: 'OpinionReportAdopted', data: { reportId: 'a', adoptedOn: '2025-01-20', note: '', decidedAt: AT } },
  { type: 'OpinionReportsCombined', data: { reportId: 'k', partIds: ['a', 'b'], adoptedPartIds: ['b'], authorIds: ['m1', 'm2'], title: 'k', situation: 's', suggestions: 's', combinedOn: '2025-01-21', combinedAt: AT } },
  { type: 'OpinionReportIssued', data: { reportId: 'k', year: 2025, serial: 1, number: 'n1', signedBy: 'vc', issuedOn: '2025-01-22', issuedAt: AT } },
  { type: 'OpinionIssueNumberReserved', data: { counter: '2025', serial: 1, reportId: 'k' } },
  { type: 'OpinionReportForwarded', data: { reportId: 'k', recipients: [{ recipientId: 'prov', level: 'PROVINCE' }], forwardedOn: '2025-01-23', forwardedAt: AT } },
  submitted('c', ['m1', 'm2'], '2025-02-01'),
  { type: 'OpinionInstructionRecorded', data: { reportId: 'k', instructionId: 'i1', leaderName: 'L', leaderTitle: '', level: 'PROVINCE', instructedOn: '2025-02-05', text: 't', gist: false, recordedAt: AT } },
]);

describe('opinions replay', () => {
  it('rebuilds the live model and every time-travel copy identically, the copies sharing only what they may', async () => {
    const store = new InMemoryEventStore();
    for (const e of history) await store.appendToStream(e.streamId, [{ id: e.id, type: e.type, data: e.data }], { expectedVersion: 'ANY' });
    const runner = new ProjectionRunner(store, createProjections(), { pageSize: 3 });
    const timeTravel = new TimeTravel(store, { snapshotEvery: 5, empty: createProjections });
    timeTravel.attach(runner);
    await runner.catchUp();
    const report = await replay(store, runner.model, { timeTravel });
    expect(report.readModels.map((r) => [r.position, r.identical])).toEqual([
      [13, true],
      [5, true],
      [10, true],
    ]);
    // The copy at position 5 knows a and b, not the combined report recorded after it.
    const copy = timeTravel.snapshotAt(5)!.get<OpinionsProjection>(OpinionsProjection.NAME);
    expect([copy.report('a')?.stage, copy.report('k'), runner.model.get<OpinionsProjection>(OpinionsProjection.NAME).report('k')?.issued]).toEqual(['SUBMITTED', undefined, true]);
    await store.close();
  });
});
