import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ScriptDraft, ScriptEntry } from '../../../../lib/schema/scripts';
import type { TierRuleSet } from '../../../../lib/schema/tiers';
import type { RankingSettings, SuggestionReason } from '../../../../lib/scripts/rank';
import { t } from '../../i18n';
import { gradeName, tierName } from './labels';

// why: the ranking and the tier rules (with the Chinese variant tables) are the heaviest code in the studio; they load
// when a preview is first shown, not with the list.
type PreviewModule = typeof import('./preview');

function reasonText(reason: SuggestionReason, rules: TierRuleSet): string {
  switch (reason.kind) {
    case 'words':
      return t('studio.reason.words', { terms: reason.terms.join(', ') });
    case 'phrase':
      return t('studio.reason.phrase', { phrase: reason.phrase });
    case 'synonym':
      return t('studio.reason.synonym', { said: reason.said, means: reason.means });
    case 'tag':
      return t('studio.reason.tag', { tag: reason.tag });
    case 'tier':
      return t('studio.reason.tier', { tier: tierName(reason.tier, rules) });
    case 'grade':
      return t('studio.reason.grade', { grade: gradeName(reason.grade) });
    case 'learned':
      return t('studio.reason.learned', { rate: reason.rate, n: reason.n });
    case 'situation':
      return t('studio.reason.situation', { share: reason.share });
    case 'general':
      return t('studio.reason.general', { grade: gradeName(reason.grade) });
    case 'restricted':
      return t('studio.reason.restricted', { tiers: reason.tiers.map((tier) => tierName(tier, rules)).join(', ') });
  }
}

/**
 * The draft as agents would get it: filled in for a sample customer of each tier, and ranked for a sample ticket the
 * trainer types, with the overlay's own reasons, so the effect of each keyword is visible before publishing.
 */
export function PreviewPanel({
  draft,
  others,
  ranking,
  tierRules,
}: {
  draft: ScriptDraft;
  others: ScriptEntry[];
  ranking: RankingSettings;
  /** The organisation's tier rules (or the defaults): whose tiers the sample customers are in. */
  tierRules: TierRuleSet;
}) {
  const [module, setModule] = useState<PreviewModule | null>(null);
  const [subject, setSubject] = useState(() => t('studio.sample.subject'));
  const [message, setMessage] = useState(() => t('studio.sample.message'));
  const [tier, setTier] = useState(tierRules.fallbackTier);
  useEffect(() => {
    void import('./preview').then(setModule);
  }, []);

  const sample = { subject, message };
  const customers = useMemo(() => module?.sampleCustomers(tierRules) ?? [], [module, tierRules]);
  const previews = useMemo(
    () =>
      customers.map(({ tier: each, customer }) => ({
        tier: each.id,
        preview: customer && module ? module.previewForCustomer(draft, customer, tierRules, sample) : null,
      })),
    [customers, draft.body, draft.tiers.join(), subject, message],
  );
  const reachable = customers.filter((each) => each.customer !== null);
  const chosen = reachable.find((each) => each.tier.id === tier) ?? reachable[0];
  const verdict = useMemo(() => {
    try {
      return module && chosen?.customer
        ? module.rankForSample(draft, others, chosen.customer, tierRules, sample, ranking)
        : null;
    } catch {
      return null;
    }
  }, [module, draft, others, ranking, chosen, subject, message]);
  const mine = verdict?.suggested.find((script) => script.id === draft.id);

  return (
    <section class="panel studio-preview" aria-labelledby="studio-preview-title" data-ready={String(Boolean(module))}>
      <h2 id="studio-preview-title">{t('studio.preview.title')}</h2>
      <p class="hint">{t('studio.preview.help')}</p>
      <ul class="studio-tiers">
        {previews.map(({ tier: each, preview }) => (
          <li key={each} data-tier={each}>
            <h3>{t('studio.preview.for', { tier: tierName(each, tierRules) })}</h3>
            {!preview ? (
              <p class="hint">{t('studio.preview.noSample')}</p>
            ) : preview.forThisTier ? (
              <p class="studio-rendered" data-preview-text>
                {preview.text}
              </p>
            ) : (
              <p class="hint">{t('studio.preview.notForTier')}</p>
            )}
            {preview && preview.missing.length > 0 && (
              <p class="hint">{t('studio.preview.missing', { names: preview.missing.join(', ') })}</p>
            )}
          </li>
        ))}
      </ul>
      <fieldset class="studio-sample">
        <legend>{t('studio.ranker.title')}</legend>
        <label>
          {t('studio.sample.subjectLabel')}
          <input name="sampleSubject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        </label>
        <label class="full">
          {t('studio.sample.messageLabel')}
          <textarea name="sampleMessage" rows={2} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
        </label>
        <label>
          {t('studio.sample.tier')}
          <select name="sampleTier" value={chosen?.tier.id} onChange={(e) => setTier(e.currentTarget.value)}>
            {reachable.map(({ tier: each }) => (
              <option key={each.id} value={each.id}>
                {tierName(each.id, tierRules)}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div aria-live="polite" data-ranker-position={verdict?.position ?? 'none'}>
        {verdict &&
          (verdict.position ? (
            <p>{t('studio.ranker.position', { position: verdict.position, count: verdict.suggested.length })}</p>
          ) : (
            <p>{t('studio.ranker.notSuggested')}</p>
          ))}
        {mine && (
          <ul class="studio-reasons" aria-label={t('studio.ranker.reasons')}>
            {mine.reasons.map((reason, index) => (
              <li key={index} data-reason={reason.kind}>
                {reasonText(reason, tierRules)}
              </li>
            ))}
          </ul>
        )}
        {verdict && verdict.suggested.length > 0 && (
          <p class="hint">
            {t('studio.ranker.alongside', { titles: verdict.suggested.map((script) => script.title).join(' · ') })}
          </p>
        )}
      </div>
    </section>
  );
}
