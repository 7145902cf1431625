import { useState } from 'preact/hooks';
import { TokenInput } from '../../../../lib/schema/access';
import { type Answer, api, data } from '../../api/client';
import { dateTime } from '../../figures';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { teams } from '../../state/session';
import { useLoad } from '../../state/useLoad';
import { Field, FormProblem } from './Field';
import { type FieldIssues, serverIssues, zodIssues } from './issues';
import { allUsers, type Token, type User } from './lists';

type Issued = Answer<'listTokens'>['tokens'][number] & { token: string };

async function loadTokens(): Promise<{ tokens: Token[]; users: User[] }> {
  const [page, users] = await Promise.all([
    data(api.GET('/api/v1/tokens', { params: { query: { limit: 500 } } })),
    allUsers(),
  ]);
  return { tokens: page.tokens, users };
}

/** API tokens (a user's) and enrollment tokens (a team's): issue one, see it once, revoke it. */
export function Tokens() {
  const [tick, setTick] = useState(0);
  const loaded = useLoad(String(tick), loadTokens);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const users = loaded.data?.users ?? [];
  const owner = (token: Token) =>
    token.kind === 'agent'
      ? (users.find((u) => u.id === token.userId)?.name ?? token.userId)
      : (teams.value.find((team) => team.id === token.teamId)?.name ?? token.teamId);

  async function revoke(token: Token) {
    const { error, response } = await api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: token.id } } });
    setProblem(response.ok ? undefined : serverIssues(error, response.status)['']);
    setTick((n) => n + 1);
  }

  return (
    <div class="people-panel">
      <h2 id="tokens-title">{t('people.tokens.title')}</h2>
      {issued && <IssuedSecret issued={issued} onDone={() => setIssued(null)} />}
      <NewToken
        users={users}
        onIssued={(token) => {
          setIssued(token);
          setTick((n) => n + 1);
        }}
      />
      <FormProblem problem={problem} />
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && (
        <table class="list" data-list="tokens" aria-labelledby="tokens-title">
          <thead>
            <tr>
              <th scope="col">{t('people.tokens.label')}</th>
              <th scope="col">{t('people.tokens.kind')}</th>
              <th scope="col">{t('people.tokens.owner')}</th>
              <th scope="col">{t('people.tokens.created')}</th>
              <th scope="col">{t('people.tokens.expires')}</th>
              <th scope="col">{t('people.tokens.state')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.tokens.map((token) => (
              <tr key={token.id} data-row={token.label}>
                <th scope="row">{token.label}</th>
                <td>{t(`people.tokens.kind.${token.kind}`)}</td>
                <td>{owner(token)}</td>
                <td>{dateTime(token.createdAt)}</td>
                <td>{token.expiresAt ? dateTime(token.expiresAt) : t('people.tokens.never')}</td>
                <td>
                  {token.revokedAt ? (
                    t('people.tokens.revokedAt', { at: dateTime(token.revokedAt) })
                  ) : (
                    <button
                      type="button"
                      aria-label={t('people.tokens.revokeWhich', { label: token.label })}
                      onClick={() => void revoke(token)}
                    >
                      {t('people.tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The secret, this once: the server keeps only its hash. */
function IssuedSecret({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section class="issued-secret" aria-labelledby="issued-title" data-issued={issued.id}>
      <h3 id="issued-title">{t('people.tokens.issued', { label: issued.label })}</h3>
      <p class="warning">{t('people.tokens.onlyOnce')}</p>
      <label for="issued-token">{t('people.tokens.secret')}</label>
      <input id="issued-token" readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} />
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(issued.token).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('people.tokens.copy')}
      </button>
      <button type="button" onClick={onDone}>
        {t('people.tokens.hide')}
      </button>
      <p role="status">
        {copied === true ? t('people.tokens.copied') : copied === false ? t('people.tokens.copyFailed') : ''}
      </p>
    </section>
  );
}

function NewToken({ users, onIssued }: { users: User[]; onIssued: (token: Issued) => void }) {
  const [kind, setKind] = useState<'agent' | 'enrollment'>('enrollment');
  const [issues, setIssues] = useState<FieldIssues>({});

  async function issue(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const text = (name: string) => String(fields.get(name) ?? '').trim();
    const expires = text('expiresAt');
    const parsed = TokenInput.safeParse({
      kind,
      label: text('label'),
      ...(kind === 'agent' ? { userId: text('userId') || undefined } : { teamId: text('teamId') || undefined }),
      // A date means the end of that day where the admin is.
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
    });
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    const { data: body, error, response } = await api.POST('/api/v1/tokens', { body: parsed.data });
    if (!response.ok || !body) return setIssues(serverIssues(error, response.status));
    setIssues({});
    form.reset();
    onIssued(body);
  }

  return (
    <form class="people-form" onSubmit={issue} aria-labelledby="token-new-title" noValidate>
      <h3 id="token-new-title">{t('people.tokens.new')}</h3>
      <fieldset>
        <legend>{t('people.tokens.kind')}</legend>
        {(['enrollment', 'agent'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name="kind" checked={kind === choice} onChange={() => setKind(choice)} />
            {t(`people.tokens.kind.${choice}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'agent' ? (
        <Field label={t('people.tokens.user')} id="token-user" problem={issues.userId}>
          {(aria) => (
            <select {...aria} name="userId">
              <option value="">{t('people.choose')}</option>
              {users
                .filter((user) => !user.deactivated)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({user.email})
                  </option>
                ))}
            </select>
          )}
        </Field>
      ) : (
        <Field label={t('people.tokens.team')} id="token-team" problem={issues.teamId}>
          {(aria) => (
            <select {...aria} name="teamId">
              <option value="">{t('people.choose')}</option>
              {teams.value.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('people.tokens.label')} id="token-label" problem={issues.label}>
        {(aria) => <input {...aria} name="label" autoComplete="off" />}
      </Field>
      <Field label={t('people.tokens.expiresOn')} id="token-expires" problem={issues.expiresAt}>
        {(aria) => <input {...aria} name="expiresAt" type="date" />}
      </Field>
      <FormProblem problem={issues['']} />
      <button type="submit">{t('people.tokens.create')}</button>
    </form>
  );
}
