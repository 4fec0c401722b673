/**
 * The page: sign in with a token, then the view the token's role is for. LEADER and AUDITOR get
 * the leaders' dashboard; RECORDER gets its liaison group's logging page, or the whole committee's
 * when it holds the committee office's grant; ADMIN gets the tokens
 * page, from which it hands out sign-in links. A token the API stops accepting (expired, revoked) returns to sign-in with a
 * message saying so.
 */
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, closeSubscriptions, gql, onUnauthenticated, takeTokenFromAddress, tokenStore } from './api.js';
import { I18n, initialLang, rememberLang, translator, useT, type Lang } from './i18n.js';
import { ErrorNote } from './ui/common.js';
import { LeadersView } from './leaders/leaders.js';
import { GroupView } from './group/group.js';
import { OfficeView } from './group/office.js';
import { AdminView } from './admin/tokens.js';
import { hasWingViews, WingViews } from './wings.js';
import { loadTrailPage, mayReadTrails, trailRoute } from './trail/index.js';
import { dutyRoute, loadDutyPage, mayReadDuty } from './duty/index.js';
import { Lazy } from './ui/lazy.js';

export interface Caller {
  subject: string;
  role: 'ADMIN' | 'RECORDER' | 'LEADER' | 'AUDITOR';
  /** What a RECORDER records for: LIAISON_GROUP (ids), MEMBER (id), COMMITTEE_OFFICE (also the opinion reports' and inspections' office); and in proposals PROPOSALS_OFFICE, HANDLING_UNIT (id). */
  grants: Array<{ kind: string; ids: string[] | null; id: string | null }>;
  /** Derived by the API from the LIAISON_GROUP and MEMBER grants; empty for the committee office. */
  scope: { liaisonGroupIds: string[]; memberId: string | null };
  expiresAt: string;
}

type Session = { state: 'checking' } | { state: 'signedOut'; error?: unknown } | { state: 'signedIn'; caller: Caller };

async function whoAmI(token: string): Promise<Caller> {
  const data = await gql<{ me: Caller }>(`{ me { subject role grants { kind ids id } scope { liaisonGroupIds memberId } expiresAt } }`, {}, token);
  return data.me;
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = useMemo(() => ({ t: translator(lang), setLang: (l: Lang) => (rememberLang(l), setLang(l)) }), [lang]);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  // The address picks the trail's page (#/trail?issue=…) or a member's duty record (#/duty?member=…); every other address is the role's view.
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  const signIn = async (token: string) => {
    setSession({ state: 'checking' });
    try {
      const caller = await whoAmI(token);
      tokenStore.set(token);
      setSession({ state: 'signedIn', caller });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') tokenStore.clear();
      setSession({ state: 'signedOut', error });
    }
  };
  const signOut = (error?: unknown) => {
    tokenStore.clear();
    closeSubscriptions();
    setSession({ state: 'signedOut', error });
  };

  useEffect(() => {
    rememberLang(lang);
    takeTokenFromAddress();
    const token = tokenStore.get();
    if (token) void signIn(token);
    else setSession({ state: 'signedOut' });
    return onUnauthenticated((error) => signOut(error));
  }, []);

  return (
    <I18n.Provider value={i18n}>
      <Header session={session} onSignOut={() => signOut()} />
      <main>
        {session.state === 'checking' && <p class="note loading">{i18n.t('checking')}</p>}
        {session.state === 'signedOut' && <SignIn error={session.error} onSignIn={signIn} />}
        {session.state === 'signedIn' &&
          (trailRoute(hash) && mayReadTrails(session.caller) ? (
            <Lazy load={loadTrailPage} pick={(m) => m.TrailPage} props={{}} />
          ) : dutyRoute(hash) && mayReadDuty(session.caller) ? (
            <Lazy load={loadDutyPage} pick={(m) => m.DutyPage} props={{}} />
          ) : (
            <RoleView caller={session.caller} />
          ))}
      </main>
    </I18n.Provider>
  );
}

function Header(props: { session: Session; onSignOut: () => void }) {
  const t = useT();
  const { setLang } = useContext(I18n);
  const caller = props.session.state === 'signedIn' ? props.session.caller : undefined;
  return (
    <header class="top">
      <h1>{t('appTitle')}</h1>
      <div class="top-actions">
        {caller && (
          <span class="who" data-testid="who">
            {t(`role_${caller.role}`)} · {caller.subject}
          </span>
        )}
        <button type="button" class="link" data-testid="lang" onClick={() => setLang(t.lang === 'zh' ? 'en' : 'zh')}>
          {t('language')}
        </button>
        {caller && (
          <button type="button" class="link" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        )}
      </div>
    </header>
  );
}

function SignIn(props: { error?: unknown; onSignIn: (token: string) => void }) {
  const t = useT();
  const [token, setToken] = useState('');
  return (
    <form
      class="card signin"
      data-testid="signin"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim()) props.onSignIn(token.trim());
      }}
    >
      <h2>{t('signIn')}</h2>
      {props.error !== undefined && <ErrorNote error={props.error} />}
      <label>
        {t('tokenLabel')}
        <input name="token" type="password" autoComplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      </label>
      <p class="help">{t('tokenHelp')}</p>
      <button type="submit">{t('signIn')}</button>
    </form>
  );
}

function RoleView({ caller }: { caller: Caller }) {
  const wings = <WingViews caller={caller} />;
  if (caller.role === 'LEADER' || caller.role === 'AUDITOR') return <><LeadersView />{wings}</>;
  if (caller.role !== 'RECORDER') return <AdminView />;
  // The office's clerk records for every link of the committee, whatever other grants it holds.
  if (caller.grants.some((g) => g.kind === 'COMMITTEE_OFFICE')) return <><OfficeView />{wings}</>;
  // A wing's clerk (the proposals office, a handling unit) with no liaison group gets the wings' views alone.
  if (hasWingViews(caller) && caller.scope.liaisonGroupIds.length === 0 && !caller.scope.memberId) return wings;
  return <><GroupView caller={caller} />{wings}</>;
}
