/**
 * The administrator's page: who may use the platform. Issue a token for a leader, an auditor, a
 * liaison group's clerk or the committee office's clerk (a RECORDER with the COMMITTEE_OFFICE
 * grant: every contact of the committee) and hand over its sign-in link (shown once: the API
 * stores only its TokenIssued event), list the tokens on record with their grants, revoke one with
 * a reason. Everything through the public issueToken / revokeToken / tokens API; an ADMIN token
 * reads no contacts or figures.
 */
import { useState } from 'preact/hooks';
import { gql } from '../api.js';
import { useT, type Translate } from '../i18n.js';
import { Card, committeeTime, ErrorNote, Show, useLoad } from '../ui/common.js';

const ROLES = ['LEADER', 'RECORDER', 'AUDITOR', 'ADMIN'] as const;
/** What a RECORDER token records for: the chosen liaison groups, or (the office's clerk) every contact. */
const REACHES = ['GROUPS', 'OFFICE'] as const;

interface Grant {
  kind: string;
  ids: string[] | null;
  id: string | null;
}

/** A grant in words: its groups' names, its member, or the label of its kind. */
function grantText(t: Translate, grant: Grant, groupName: (id: string) => string): string {
  if (grant.kind === 'LIAISON_GROUP') return (grant.ids ?? []).map(groupName).join('、');
  if (grant.kind === 'MEMBER') return t('grantMember', { id: grant.id ?? '' });
  return t.of('grant', grant.kind);
}

interface TokenRow {
  tokenId: string;
  subject: string;
  role: string;
  grants: Grant[];
  status: string;
  issuedAt: string;
  expiresAt: string;
  issuedBy: string;
}

export function AdminView() {
  const t = useT();
  const [written, setWritten] = useState(0);
  const tokens = useLoad(
    () =>
      gql<{ tokens: TokenRow[]; liaisonGroups: Array<{ id: string; name: string }> }>(
        `{ tokens(includeInactive: true) { tokenId subject role grants { kind ids id } status issuedAt expiresAt issuedBy } liaisonGroups { id name } }`,
      ),
    [written],
  );
  const groupName = (id: string) => tokens.data?.liaisonGroups.find((g) => g.id === id)?.name ?? id;
  return (
    <div class="grid admin" data-testid="admin">
      <Card title={t('issueToken')} help={t('issueTokenHelp')} testId="issue-card">
        <Show value={tokens}>{(data) => <IssueForm groups={data.liaisonGroups} onIssued={() => setWritten((n) => n + 1)} />}</Show>
      </Card>
      <Card title={t('tokensOnRecord')} wide testId="tokens-card">
        <Show value={tokens}>
          {(data) => (
            <div class="table-scroll">
              <table data-testid="tokens">
                <thead>
                  <tr>
                    <th>{t('tokenSubject')}</th>
                    <th>{t('tokenRole')}</th>
                    <th>{t('tokenGrants')}</th>
                    <th>{t('tokenStatus')}</th>
                    <th>{t('tokenExpires')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {data.tokens.map((token) => (
                    <TokenLine key={token.tokenId} token={token} groupName={groupName} onRevoked={() => setWritten((n) => n + 1)} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </Card>
    </div>
  );
}

function TokenLine(props: { token: TokenRow; groupName: (id: string) => string; onRevoked: () => void }) {
  const t = useT();
  const { token } = props;
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const revoke = async (event: Event) => {
    event.preventDefault();
    try {
      await gql(`mutation($input: RevokeTokenInput!) { revokeToken(input: $input) { position } }`, { input: { tokenId: token.tokenId, reason: reason.trim() } });
      props.onRevoked();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <tr data-token={token.tokenId}>
      <td>{token.subject}</td>
      <td>{t.of('role', token.role)}</td>
      <td class="grants">{token.grants.map((grant) => grantText(t, grant, props.groupName)).join('；') || '—'}</td>
      <td class={`status-${token.status.toLowerCase()}`}>{t.of('status', token.status)}</td>
      <td>{committeeTime(token.expiresAt)}</td>
      <td>
        {token.status === 'ACTIVE' && !revoking && (
          <button type="button" class="secondary danger" onClick={() => setRevoking(true)}>
            {t('revoke')}
          </button>
        )}
        {revoking && (
          <form class="inline" onSubmit={revoke}>
            <input name="reason" required placeholder={t('reason')} aria-label={t('reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            <button type="submit" class="danger">
              {t('revoke')}
            </button>
            <button type="button" class="secondary" onClick={() => setRevoking(false)}>
              {t('cancel')}
            </button>
          </form>
        )}
        {error !== undefined && <ErrorNote error={error} />}
      </td>
    </tr>
  );
}

function IssueForm(props: { groups: Array<{ id: string; name: string }>; onIssued: () => void }) {
  const t = useT();
  const [role, setRole] = useState<(typeof ROLES)[number]>('LEADER');
  const [subject, setSubject] = useState('');
  const [reach, setReach] = useState<(typeof REACHES)[number]>('GROUPS');
  const [groups, setGroups] = useState<string[]>([]);
  const [days, setDays] = useState(90);
  const [state, setState] = useState<{ saving: boolean; error?: unknown; link?: string }>({ saving: false });

  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ saving: true });
    try {
      const { issueToken } = await gql<{ issueToken: { token: string } }>(`mutation($input: IssueTokenInput!) { issueToken(input: $input) { token tokenId expiresAt } }`, {
        input: { role, subject: subject.trim(), validForDays: days, ...(role === 'RECORDER' ? (reach === 'OFFICE' ? { grants: [{ kind: 'COMMITTEE_OFFICE' }] } : { liaisonGroupIds: groups }) : {}) },
      });
      // The token rides in the fragment, which browsers never send to a server.
      setState({ saving: false, link: `${location.origin}/#token=${issueToken.token}` });
      setSubject('');
      setGroups([]);
      props.onIssued();
    } catch (error) {
      setState({ saving: false, error });
    }
  };

  return (
    <form class="contact-form" onSubmit={submit} data-testid="issue-form">
      <div class="row">
        <label>
          {t('tokenRole')}
          <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as (typeof ROLES)[number])}>
            {ROLES.map((r) => (
              <option value={r}>{t.of('role', r)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('tokenDays')}
          <input name="days" type="number" min={1} max={400} value={days} onInput={(e) => setDays(Number(e.currentTarget.value))} />
        </label>
      </div>
      <label>
        {t('tokenSubject')}
        <input name="subject" required maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      {role === 'RECORDER' && (
        <fieldset>
          <legend>{t('recordsFor')}</legend>
          {REACHES.map((r) => (
            <label class="check" key={r}>
              <input type="radio" name="reach" value={r} checked={reach === r} onChange={() => setReach(r)} />
              {t.of('reach', r)}
            </label>
          ))}
        </fieldset>
      )}
      {role === 'RECORDER' && reach === 'GROUPS' && (
        <fieldset>
          <legend>{t('chooseGroup')}</legend>
          {props.groups.map((g) => (
            <label class="check" key={g.id}>
              <input type="checkbox" name="group" value={g.id} checked={groups.includes(g.id)} onChange={(e) => setGroups(e.currentTarget.checked ? [...groups, g.id] : groups.filter((id) => id !== g.id))} />
              {g.name}
            </label>
          ))}
        </fieldset>
      )}
      {state.error !== undefined && <ErrorNote error={state.error} />}
      {state.link && (
        <div class="note ok" role="status" data-testid="issued-link">
          <p>{t('issuedOnce')}</p>
          <input readOnly value={state.link} onFocus={(e) => e.currentTarget.select()} aria-label={t('signInLink')} />
        </div>
      )}
      <button type="submit" disabled={state.saving}>
        {state.saving ? t('saving') : t('issueToken')}
      </button>
    </form>
  );
}
