import { useState } from 'preact/hooks';
import { CustomerProfile, NUMERIC_ATTRIBUTES, type TierRuleSet } from '../../../../lib/schema/tiers';
import { evaluateTier, parseTierRules } from '../../../../lib/tiers';
import { api, errorMessage } from '../../api/client';
import { t } from '../../i18n';
import { inLocale } from './bilingual';
import { Field, listOf, listText } from './Field';
import { zodIssues } from './useRuleSet';

type Values = Partial<Record<(typeof NUMERIC_ATTRIBUTES)[number], string>> & { tags: string; org: string };

const EMPTY: Values = { tags: '', org: '' };

/** "plan=enterprise" lines into org fields; numbers and true/false keep their type, as a CRM import stores them. */
function orgFields(text: string): Record<string, string | number | boolean> {
  const org: Record<string, string | number | boolean> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at < 1) continue;
    const raw = line.slice(at + 1).trim();
    org[line.slice(0, at).trim()] =
      raw === 'true' || raw === 'false' ? raw === 'true' : raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  }
  return org;
}

/**
 * Which tier and lifecycle stage a customer gets under the draft rules, and why — by lib/tiers' evaluateTier, the
 * code the extension and the lookup API run, so what the admin sees here is what agents will see.
 */
export function TierTester({ rules }: { rules: TierRuleSet }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [email, setEmail] = useState('');
  const [lookup, setLookup] = useState<{ state: 'idle' | 'busy' | 'found' } | { state: 'failed'; message: string }>({
    state: 'idle',
  });

  async function find(event: Event) {
    event.preventDefault();
    setLookup({ state: 'busy' });
    const { data, error, response } = await api.GET('/api/v1/customers/for-rules', {
      params: { query: { email: email.trim() } },
    });
    if (!data) return setLookup({ state: 'failed', message: errorMessage(error, response.status) });
    const customer = data.customer as Record<string, unknown>;
    const next: Values = {
      tags: listText(customer.tags as string[] | undefined),
      org: Object.entries((customer.org as Record<string, unknown> | undefined) ?? {})
        .map(([key, value]) => `${key}=${String(value)}`)
        .join('\n'),
    };
    for (const name of NUMERIC_ATTRIBUTES) if (typeof customer[name] === 'number') next[name] = String(customer[name]);
    setValues(next);
    setLookup({ state: 'found' });
  }

  const profile = CustomerProfile.safeParse({
    ...Object.fromEntries(
      NUMERIC_ATTRIBUTES.filter((name) => (values[name] ?? '').trim() !== '').map((name) => [
        name,
        Number(values[name]),
      ]),
    ),
    tags: listOf(values.tags),
    org: orgFields(values.org),
  });
  const parsedRules = parseTierRules(rules);
  const profileIssues = profile.success ? {} : zodIssues(profile.error);
  const result = profile.success && parsedRules.ok ? evaluateTier(profile.data, parsedRules.rules) : undefined;

  return (
    <section class="rules-tester panel" aria-labelledby="tier-tester-title">
      <h2 id="tier-tester-title">{t('rules.tester.tier.title')}</h2>
      <form class="rules-row" onSubmit={find}>
        <Field
          path="lookup"
          label={t('rules.tester.email')}
          issues={lookup.state === 'failed' ? { lookup: lookup.message } : {}}
        >
          {(attrs) => <input {...attrs} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        <button type="submit" class="button" disabled={lookup.state === 'busy'}>
          {t('rules.tester.find')}
        </button>
      </form>
      <div role="status">{lookup.state === 'found' && t('rules.tester.found')}</div>
      <div class="rules-grid">
        {NUMERIC_ATTRIBUTES.map((name) => (
          <Field key={name} path={name} label={t(`rules.attr.${name}`)} issues={profileIssues}>
            {(attrs) => (
              <input
                {...attrs}
                type="number"
                value={values[name] ?? ''}
                onInput={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
              />
            )}
          </Field>
        ))}
        <Field path="tags" label={t('rules.attr.tags')} issues={profileIssues}>
          {(attrs) => (
            <input
              {...attrs}
              value={values.tags}
              onInput={(e) => setValues({ ...values, tags: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field path="org" label={t('rules.attr.org')} issues={profileIssues}>
          {(attrs) => (
            <textarea
              {...attrs}
              rows={2}
              value={values.org}
              onInput={(e) => setValues({ ...values, org: e.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <div class="rules-result" aria-live="polite" data-tier-result={result?.tier.id ?? ''}>
        {!parsedRules.ok && (
          <p class="rules-error">
            {t('rules.tester.rulesInvalid')} {parsedRules.errors[0]}
          </p>
        )}
        {result && (
          <>
            <p>
              <span class="rules-tier-chip" style={{ borderColor: result.tier.colour }} data-tier={result.tier.id}>
                {inLocale(result.tier.label)}
              </span>{' '}
              {t('rules.tester.lifecycle', { stage: t(`rules.stage.${result.lifecycle}`) })}
            </p>
            <ul class="rules-reasons">
              {result.reasons.map((reason) => (
                <li key={reason.ruleId} data-rule-id={reason.ruleId}>
                  <strong>{inLocale(reason.description)}</strong>{' '}
                  {Object.entries(reason.values)
                    .map(([name, value]) => `${name} = ${Array.isArray(value) ? value.join(', ') : String(value)}`)
                    .join('; ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
