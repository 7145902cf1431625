import { useState } from 'preact/hooks';
import { TeamInput, TeamPatch } from '../../../../lib/schema/access';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { loadSession, teams } from '../../state/session';
import { Field, FormProblem } from './Field';
import { type FieldIssues, serverIssues, zodIssues } from './issues';

/** A slug from a team's name: what most admins would type anyway; they can change it. */
const slugOf = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** Teams of the organisation: create one, rename one. The shell's team filter follows at once. */
export function Teams() {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [done, setDone] = useState<string | null>(null);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setDone(null);
    const parsed = TeamInput.safeParse({ name, slug });
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    const { error, response } = await api.POST('/api/v1/teams', { body: parsed.data });
    if (!response.ok) return setIssues(serverIssues(error, response.status));
    setIssues({});
    setName('');
    setSlug('');
    setSlugTouched(false);
    setDone(t('people.teams.created', { name: parsed.data.name }));
    await loadSession();
  }

  return (
    <div class="people-panel">
      <h2 id="teams-title">{t('people.teams.title')}</h2>
      <table class="list" data-list="teams" aria-labelledby="teams-title">
        <thead>
          <tr>
            <th scope="col">{t('people.teams.name')}</th>
            <th scope="col">{t('people.teams.slug')}</th>
            <th scope="col">{t('people.teams.rename')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.value.map((team) => (
            <tr key={team.id} data-row={team.slug}>
              <th scope="row">{team.name}</th>
              <td>
                <code>{team.slug}</code>
              </td>
              <td>
                <RenameTeam id={team.id} name={team.name} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="people-form" onSubmit={create} aria-labelledby="team-new-title" noValidate>
        <h3 id="team-new-title">{t('people.teams.new')}</h3>
        <Field label={t('people.teams.name')} id="team-name" problem={issues.name}>
          {(aria) => (
            <input
              {...aria}
              value={name}
              onInput={(e) => {
                setName(e.currentTarget.value);
                if (!slugTouched) setSlug(slugOf(e.currentTarget.value));
              }}
            />
          )}
        </Field>
        <Field label={t('people.teams.slug')} id="team-slug" problem={issues.slug}>
          {(aria) => (
            <input
              {...aria}
              value={slug}
              onInput={(e) => {
                setSlugTouched(true);
                setSlug(e.currentTarget.value);
              }}
            />
          )}
        </Field>
        <p class="hint">{t('people.teams.slugHelp')}</p>
        <FormProblem problem={issues['']} />
        <button type="submit">{t('people.teams.create')}</button>
        {done && <p role="status">{done}</p>}
      </form>
    </div>
  );
}

function RenameTeam({ id, name }: { id: string; name: string }) {
  const [value, setValue] = useState(name);
  const [issues, setIssues] = useState<FieldIssues>({});
  const fieldId = `rename-${id}`;

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const parsed = TeamPatch.safeParse({ name: value });
    if (!parsed.success) return setIssues(zodIssues(parsed.error));
    const { error, response } = await api.PATCH('/api/v1/teams/{id}', {
      params: { path: { id } },
      body: parsed.data,
    });
    if (!response.ok) return setIssues(serverIssues(error, response.status));
    setIssues({});
    await loadSession();
  }

  return (
    <form class="inline-form" onSubmit={save} noValidate>
      <Field label={t('people.teams.newName', { name })} id={fieldId} problem={issues.name ?? issues['']}>
        {(aria) => <input {...aria} value={value} onInput={(e) => setValue(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={value.trim() === name}>
        {t('people.save')}
      </button>
    </form>
  );
}
