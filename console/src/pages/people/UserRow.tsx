import { useState } from 'preact/hooks';
import { LeadTeams, Role, UserPatch } from '../../../../lib/schema/access';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { teams } from '../../state/session';
import { FormProblem } from './Field';
import { type FieldIssues, serverIssues, zodIssues } from './issues';
import type { User } from './lists';

type Patch = Parameters<typeof UserPatch.parse>[0];

/** One user: role and team change on choosing; deactivation ends their sessions, tokens and browsers at once. */
export function UserRow({ user, self, onChanged }: { user: User; self: boolean; onChanged: () => void }) {
  const [issues, setIssues] = useState<FieldIssues>({});

  async function change(patch: Patch) {
    const parsed = UserPatch.safeParse(patch);
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    const { error, response } = await api.PATCH('/api/v1/users/{id}', {
      params: { path: { id: user.id } },
      body: parsed.data,
    });
    if (!response.ok) return setIssues(serverIssues(error, response.status));
    setIssues({});
    onChanged();
  }

  const problem = Object.values(issues).join(' ');
  return (
    <tr data-row={user.email} class={user.deactivated ? 'is-deactivated' : undefined}>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={t('people.users.roleOf', { name: user.name })}
          value={user.role}
          onChange={(e) => void change({ role: e.currentTarget.value as Role })}
        >
          {Role.options.map((role) => (
            <option key={role} value={role}>
              {t(`people.role.${role}`)}
            </option>
          ))}
        </select>
        {user.role === 'lead' && <LeadsTeams user={user} />}
      </td>
      <td>
        <select
          aria-label={t('people.users.teamOf', { name: user.name })}
          value={user.teamId ?? ''}
          onChange={(e) => void change({ teamId: e.currentTarget.value || null })}
        >
          <option value="">{t('people.users.noTeam')}</option>
          {teams.value.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </td>
      <td>
        {user.deactivated ? t('people.users.deactivated') : t('people.users.active')}{' '}
        {!self && (
          <button
            type="button"
            aria-label={t(user.deactivated ? 'people.users.reactivateWho' : 'people.users.deactivateWho', {
              name: user.name,
            })}
            onClick={() => void change({ deactivated: !user.deactivated })}
          >
            {user.deactivated ? t('people.users.reactivate') : t('people.users.deactivate')}
          </button>
        )}
        <FormProblem problem={problem || undefined} />
      </td>
    </tr>
  );
}

/** The teams a lead leads besides their own; saved as one list so a half-ticked choice is never stored. */
function LeadsTeams({ user }: { user: User }) {
  const [chosen, setChosen] = useState<string[]>(user.leadTeamIds ?? []);
  const [problem, setProblem] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const parsed = LeadTeams.safeParse({ teamIds: chosen });
    if (!parsed.success) return setProblem(Object.values(zodIssues(parsed.error)).join(' '));
    const { error, response } = await api.PUT('/api/v1/users/{id}/lead-teams', {
      params: { path: { id: user.id } },
      body: parsed.data,
    });
    setProblem(response.ok ? undefined : serverIssues(error, response.status)['']);
    setSaved(response.ok);
  }

  return (
    <details class="lead-teams">
      <summary>{t('people.users.leadTeams', { name: user.name })}</summary>
      <form onSubmit={save}>
        <fieldset>
          <legend>{t('people.users.leadTeamsLegend')}</legend>
          {teams.value.map((team) => (
            <label key={team.id}>
              <input
                type="checkbox"
                checked={chosen.includes(team.id)}
                onChange={(e) => {
                  setSaved(false);
                  const on = e.currentTarget.checked;
                  setChosen((list) => (on ? [...list, team.id] : list.filter((id) => id !== team.id)));
                }}
              />
              {team.name}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('people.save')}</button>
        {saved && <span role="status">{t('people.saved')}</span>}
        <FormProblem problem={problem} />
      </form>
    </details>
  );
}
