// The console's CSP has no 'unsafe-eval': zod must validate without compiling code (no refused-eval report).
import '../../../../lib/schema/zod-setup';
import { useMemo, useState } from 'preact/hooks';
import { generatePolicies, type PolicyIssue } from '../../../../lib/policy';
import { api, data } from '../../api/client';
import { type MessageKey, t } from '../../i18n';
import { LoadState } from '../../shell/LoadState';
import { useLoad } from '../../state/useLoad';
import {
  BROWSERS,
  type Choices,
  FEATURES,
  fieldOf,
  HELPDESKS,
  IDENTITY_MODES,
  initialChoices,
  LANGUAGES,
  missingForRollout,
  PLATFORMS,
  requestOf,
} from './choices';
import { CheckGroup, FieldError, invalidProps } from './Field';
import { InstallSources } from './InstallSources';
import { PolicyFiles } from './PolicyFiles';
import { TokenField } from './TokenField';

const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));

/**
 * Pick browsers, platforms, the team and its enrollment token, helpdesks and features → the ready policy files, made
 * in the page by the same generator as docs/admin/policies/ (lib/policy). Nothing is sent anywhere but the token.
 */
export function PolicyBuilder() {
  const teams = useLoad('teams', () => data(api.GET('/api/v1/teams', { params: { query: { limit: 500 } } })));
  const [choices, setChoices] = useState<Choices>(() => initialChoices(globalThis.location.origin));
  const [asked, setAsked] = useState(false);
  const set = (change: Partial<Choices>) => setChoices((current) => ({ ...current, ...change }));

  const result = useMemo(() => {
    const generated = generatePolicies(requestOf(choices));
    const issues: PolicyIssue[] = [...missingForRollout(choices), ...(generated.ok ? [] : generated.issues)];
    return { files: generated.ok && issues.length === 0 ? generated.files : [], issues };
  }, [choices]);
  const errors = new Map<string, string>();
  if (asked)
    for (const issue of result.issues) if (!errors.has(fieldOf(issue))) errors.set(fieldOf(issue), issue.message);

  function generate(event: SubmitEvent) {
    event.preventDefault();
    setAsked(true);
    const first = result.issues[0];
    if (first) {
      // The first field to fix gets the focus, so keyboard and screen-reader users land on it.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>(`[data-field="${fieldOf(first)}"] :is(input, select, textarea)`)?.focus(),
      );
    }
  }

  const team = teams.data?.teams.find((candidate) => candidate.slug === choices.teamSlug);
  return (
    <div class="rollout-builder">
      <p class="hint">{t('rollout.intro')}</p>
      <form class="panel rollout-form" onSubmit={generate} noValidate aria-labelledby="rollout-form-title">
        <h2 id="rollout-form-title">{t('rollout.form.title')}</h2>
        <CheckGroup field="browsers" legend={t('rollout.browsers')} errors={errors}>
          {BROWSERS.map((browser) => (
            <label key={browser}>
              <input
                type="checkbox"
                name="browsers"
                value={browser}
                checked={choices.browsers.includes(browser)}
                onChange={(e) => set({ browsers: toggle(choices.browsers, browser, e.currentTarget.checked) })}
              />
              {t(`rollout.browser.${browser}` as MessageKey)}
            </label>
          ))}
        </CheckGroup>
        <CheckGroup field="platforms" legend={t('rollout.platforms')} errors={errors}>
          {PLATFORMS.map((platform) => (
            <label key={platform}>
              <input
                type="checkbox"
                name="platforms"
                value={platform}
                checked={choices.platforms.includes(platform)}
                onChange={(e) => set({ platforms: toggle(choices.platforms, platform, e.currentTarget.checked) })}
              />
              {t(`rollout.platform.${platform}` as MessageKey)}
            </label>
          ))}
        </CheckGroup>

        <div class="rollout-field" data-field="backendUrl">
          <label for="rollout-backendUrl">{t('rollout.backendUrl')}</label>
          <input
            id="rollout-backendUrl"
            type="url"
            value={choices.backendUrl}
            onInput={(e) => set({ backendUrl: e.currentTarget.value })}
            {...invalidProps('backendUrl', errors)}
          />
          <FieldError field="backendUrl" errors={errors} />
        </div>

        <div class="rollout-field" data-field="team">
          <label for="rollout-team">{t('rollout.team')}</label>
          {!teams.data && (
            <LoadState
              state={teams.state}
              message={'message' in teams ? teams.message : undefined}
              retry={teams.retry}
            />
          )}
          <select
            id="rollout-team"
            value={choices.teamSlug}
            onChange={(e) => set({ teamSlug: e.currentTarget.value, enrollmentToken: '' })}
            {...invalidProps('team', errors)}
          >
            <option value="">{t('rollout.team.pick')}</option>
            {teams.data?.teams.map((candidate) => (
              <option key={candidate.id} value={candidate.slug}>
                {candidate.name}
              </option>
            ))}
          </select>
          <FieldError field="team" errors={errors} />
        </div>

        <TokenField
          teamId={team?.id}
          value={choices.enrollmentToken}
          onChange={(enrollmentToken) => set({ enrollmentToken })}
          errors={errors}
        />

        <div class="rollout-field" data-field="identity">
          <label for="rollout-identity">{t('rollout.identity')}</label>
          <select
            id="rollout-identity"
            value={choices.identity}
            aria-describedby="rollout-identity-help"
            onChange={(e) => set({ identity: e.currentTarget.value as Choices['identity'] })}
          >
            <option value="">{t('rollout.identity.server')}</option>
            {IDENTITY_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`rollout.identity.${mode}` as MessageKey)}
              </option>
            ))}
          </select>
          <p id="rollout-identity-help" class="hint">
            {t('rollout.identity.help')}
          </p>
        </div>

        <CheckGroup field="enabledHelpdesks" legend={t('rollout.helpdesks')} errors={errors}>
          {HELPDESKS.map((helpdesk) => (
            <label key={helpdesk}>
              <input
                type="checkbox"
                checked={choices.helpdesks.includes(helpdesk)}
                onChange={(e) => set({ helpdesks: toggle(choices.helpdesks, helpdesk, e.currentTarget.checked) })}
              />
              {t(`rollout.helpdesk.${helpdesk}` as MessageKey)}
            </label>
          ))}
          <label class="rollout-generic">
            {t('rollout.helpdesk.generic')}
            <input
              type="text"
              value={choices.genericIds}
              aria-describedby="rollout-generic-help"
              onInput={(e) => set({ genericIds: e.currentTarget.value })}
            />
          </label>
          <p id="rollout-generic-help" class="hint">
            {t('rollout.helpdesk.generic.help')}
          </p>
        </CheckGroup>

        <CheckGroup field="features" legend={t('rollout.features')} errors={errors}>
          {FEATURES.map((feature) => (
            <label key={feature}>
              <input
                type="checkbox"
                checked={choices.features[feature]}
                onChange={(e) => set({ features: { ...choices.features, [feature]: e.currentTarget.checked } })}
              />
              {t(`rollout.feature.${feature}` as MessageKey)}
            </label>
          ))}
        </CheckGroup>

        <div class="rollout-row">
          <NumberField
            field="notificationLeadMinutes"
            value={choices.notificationLeadMinutes}
            onInput={(notificationLeadMinutes) => set({ notificationLeadMinutes })}
            errors={errors}
          />
          <NumberField
            field="syncIntervalMinutes"
            value={choices.syncIntervalMinutes}
            onInput={(syncIntervalMinutes) => set({ syncIntervalMinutes })}
            errors={errors}
          />
          <div class="rollout-field" data-field="language">
            <label for="rollout-language">{t('rollout.language')}</label>
            <select
              id="rollout-language"
              value={choices.language}
              onChange={(e) => set({ language: e.currentTarget.value as Choices['language'] })}
            >
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`rollout.language.${language}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>

        <InstallSources choices={choices} set={set} errors={errors} />

        <button type="submit" class="primary">
          {t('rollout.generate')}
        </button>
        {asked && result.issues.length > 0 && (
          <p role="alert" class="rollout-error" data-problem-count={result.issues.length}>
            {t('rollout.fix', { n: errors.size })}
          </p>
        )}
      </form>
      {asked && result.files.length > 0 && <PolicyFiles files={result.files} />}
    </div>
  );
}

function NumberField({
  field,
  value,
  onInput,
  errors,
}: {
  field: 'notificationLeadMinutes' | 'syncIntervalMinutes';
  value: string;
  onInput: (value: string) => void;
  errors: Map<string, string>;
}) {
  return (
    <div class="rollout-field" data-field={field}>
      <label for={`rollout-${field}`}>{t(`rollout.${field}`)}</label>
      <input
        id={`rollout-${field}`}
        type="text"
        inputMode="numeric"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        {...invalidProps(field, errors)}
      />
      <FieldError field={field} errors={errors} />
    </div>
  );
}
