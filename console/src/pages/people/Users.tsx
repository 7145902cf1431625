import { useState } from 'preact/hooks';
import { Role, UserInput } from '../../../../lib/schema/access';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { me, teams } from '../../state/session';
import { useLoad } from '../../state/useLoad';
import { Field, FormProblem } from './Field';
import { type FieldIssues, serverIssues, zodIssues } from './issues';
import { allUsers, type User } from './lists';
import { UserRow } from './UserRow';

/** Users of the organisation with their role and team; create one, change a role, lead teams, deactivate. */
export function Users() {
  const [tick, setTick] = useState(0);
  const loaded = useLoad(String(tick), allUsers);
  const reload = () => setTick((n) => n + 1);
  return (
    <div class="people-panel">
      <h2 id="users-title">{t('people.users.title')}</h2>
      {(!loaded.data || loaded.state === 'failed') && (
        <LoadState
          state={loaded.state}
          message={loaded.state === 'failed' ? loaded.message : undefined}
          retry={loaded.retry}
        />
      )}
      {loaded.data && (
        <table class="list" data-list="users" aria-labelledby="users-title">
          <thead>
            <tr>
              <th scope="col">{t('people.users.name')}</th>
              <th scope="col">{t('people.users.email')}</th>
              <th scope="col">{t('people.users.role')}</th>
              <th scope="col">{t('people.users.team')}</th>
              <th scope="col">{t('people.users.status')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.map((user) => (
              <UserRow key={user.id} user={user} self={user.id === me.value?.user.id} onChanged={reload} />
            ))}
          </tbody>
        </table>
      )}
      <NewUser onCreated={reload} />
    </div>
  );
}

function NewUser({ onCreated }: { onCreated: (user: User) => void }) {
  const [issues, setIssues] = useState<FieldIssues>({});
  const [done, setDone] = useState<string | null>(null);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setDone(null);
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const text = (name: string) => String(fields.get(name) ?? '').trim();
    const parsed = UserInput.safeParse({
      email: text('email'),
      name: text('name'),
      role: text('role'),
      teamId: text('teamId') || null,
      ...(text('password') ? { password: String(fields.get('password')) } : {}),
    });
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    const { data, error, response } = await api.POST('/api/v1/users', { body: parsed.data });
    if (!response.ok || !data) return setIssues(serverIssues(error, response.status));
    setIssues({});
    form.reset();
    setDone(t('people.users.created', { name: data.name }));
    onCreated(data);
  }

  return (
    <form class="people-form" onSubmit={create} aria-labelledby="user-new-title" noValidate>
      <h3 id="user-new-title">{t('people.users.new')}</h3>
      <Field label={t('people.users.email')} id="user-email" problem={issues.email}>
        {(aria) => <input {...aria} name="email" type="email" autoComplete="off" />}
      </Field>
      <Field label={t('people.users.name')} id="user-name" problem={issues.name}>
        {(aria) => <input {...aria} name="name" autoComplete="off" />}
      </Field>
      <Field label={t('people.users.role')} id="user-role" problem={issues.role}>
        {(aria) => (
          <select {...aria} name="role" defaultValue="agent">
            {Role.options.map((role) => (
              <option key={role} value={role}>
                {t(`people.role.${role}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('people.users.team')} id="user-team" problem={issues.teamId}>
        {(aria) => (
          <select {...aria} name="teamId">
            <option value="">{t('people.users.noTeam')}</option>
            {teams.value.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('people.users.password')} id="user-password" problem={issues.password}>
        {(aria) => <input {...aria} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <p class="hint">{t('people.users.passwordHelp')}</p>
      <FormProblem problem={issues['']} />
      <button type="submit">{t('people.users.create')}</button>
      {done && <p role="status">{done}</p>}
    </form>
  );
}
