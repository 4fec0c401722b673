/**
 * Issue 15, finding 10: a client that timed out could not tell "it landed" from "it was refused":
 * re-sending a correction, a retraction or an original logContact after a correction was answered
 * CONFLICT or VALIDATION. A mutation sent with an `Idempotency-Key` header is now answered, when
 * sent again by the same token holder with the same input, as the first attempt was (`written: 0`,
 * the same position), whatever happened since; the same key with another input is a CONFLICT.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp, removeDir, startApp, tempDir } from './support/app.js';
import { LOG_CONTACT, buildSmallNetwork } from './support/smallNetwork.js';

const CORRECT = `mutation($input: CorrectContactInput!) { correctContact(input: $input) { position written } }`;
const RETRACT = `mutation($input: RetractContactInput!) { retractContact(input: $input) { position written } }`;
const contact = (contactId: string, topic = '座谈') => ({ input: { contactId, occurredAt: '2020-02-10', participantIds: ['m-pg', 'm-cpc1'], linkIds: ['l-pg-1'], channel: 'MEETING', topic, liaisonGroupId: 'lg-hexi' } });

describe('idempotency keys (issue 15, finding 10)', () => {
  const dir = tempDir('idempotency-');
  const dataFile = `${dir}/liaison.db`;
  let app: TestApp;
  const send = (query: string, variables: Record<string, unknown>, key?: string) => app.gql(query, variables, key ? { headers: { 'idempotency-key': key } } : {});

  beforeAll(async () => {
    app = await startApp({ dataFile });
    await buildSmallNetwork(app);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    removeDir(dir);
  });

  it('answers a repeated logContact as the first time, even after the contact was corrected', async () => {
    const first = await send(LOG_CONTACT, contact('c-k1'), 'key-log-1');
    expect(first.data.logContact.written).toBe(1);
    await send(CORRECT, { input: { contactId: 'c-k1', topic: '更正', reason: '记错了' } }, 'key-correct-1');

    const again = await send(LOG_CONTACT, contact('c-k1'), 'key-log-1');
    expect(again.errors).toBeUndefined();
    expect(again.data.logContact).toMatchObject({ written: 0, position: first.data.logContact.position });
    // Without the key, the same repeat is decided again, on the corrected contact: refused.
    expect((await send(LOG_CONTACT, contact('c-k1'))).errors![0]!.extensions!.code).toBe('CONFLICT');
  });

  it('answers a repeated correction and retraction as the first time instead of VALIDATION or CONFLICT', async () => {
    await send(LOG_CONTACT, contact('c-k2'));
    const corrected = await send(CORRECT, { input: { contactId: 'c-k2', topic: '改', reason: '更正' } }, 'key-correct-2');
    const retracted = await send(RETRACT, { input: { contactId: 'c-k2', reason: '重复' } }, 'key-retract-2');
    expect([corrected.data.correctContact.written, retracted.data.retractContact.written]).toEqual([1, 1]);

    expect((await send(CORRECT, { input: { contactId: 'c-k2', topic: '改', reason: '更正' } }, 'key-correct-2')).data.correctContact).toEqual({ written: 0, position: corrected.data.correctContact.position });
    expect((await send(RETRACT, { input: { contactId: 'c-k2', reason: '重复' } }, 'key-retract-2')).data.retractContact).toEqual({ written: 0, position: retracted.data.retractContact.position });
  });

  it('refuses the same key with another input as CONFLICT, writing nothing', async () => {
    await send(LOG_CONTACT, contact('c-k3'), 'key-3');
    const head = (await app.gql(`{ readModel { position } }`)).data.readModel.position;
    const other = await send(LOG_CONTACT, contact('c-k3-other'), 'key-3');
    expect(other.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'commandId' }, message: expect.stringContaining('another command (LogContact') });
    expect((await app.gql(`{ readModel { position } }`)).data.readModel.position).toBe(head);
  });

  it('keeps each token holder\'s keys apart: another actor\'s key of the same text is its own', async () => {
    await send(LOG_CONTACT, contact('c-k4'), 'shared-text');
    const other = await app.gql(`mutation { issueToken(input: { subject: "clerk-2", role: RECORDER, liaisonGroupIds: ["lg-hexi"] }) { token } }`);
    const res = await app.gql(LOG_CONTACT, contact('c-k4-b'), { token: other.data.issueToken.token, headers: { 'idempotency-key': 'shared-text' } });
    expect(res.data.logContact.written).toBe(1);
  });

  it('refuses a key on a request with two mutation fields (VALIDATION), and a key that is not an id', async () => {
    const two = await send(`mutation($a: LogContactInput!, $b: LogContactInput!) { a: logContact(input: $a) { written } b: logContact(input: $b) { written } }`, { a: contact('c-k5a').input, b: contact('c-k5b').input }, 'key-5');
    expect(two.errors![0]).toMatchObject({ extensions: { code: 'VALIDATION' }, message: expect.stringContaining('2 mutation fields') });
    const bad = await send(LOG_CONTACT, contact('c-k6'), 'a/b');
    expect(bad.errors![0]).toMatchObject({ extensions: { code: 'VALIDATION', field: 'commandId' } });
  });

  it('still answers a repeat as the first time after the server restarts (the keys are in the log)', async () => {
    const first = await send(LOG_CONTACT, contact('c-k7'), 'key-7');
    await app.close();
    app = await startApp({ dataFile });
    const again = await send(LOG_CONTACT, contact('c-k7'), 'key-7');
    expect(again.data.logContact).toMatchObject({ written: 0, position: first.data.logContact.position });
  }, 60_000);
});
