import { TierBadge } from '../../../components/TierBadge';
import { defineFeature } from './types';

/** The customer's tier, with the rules that put them there, their last scores and open complaints. */
export const tierBadge = defineFeature<undefined>({
  id: 'tier-badge',
  switch: 'tierBadge',
  strings: [
    'tierReasonsTitle',
    'tierLastCsat',
    'tierLastNps',
    'tierOpenComplaints',
    'lifecycle_new',
    'lifecycle_growing',
    'lifecycle_mature',
    'lifecycle_declining',
    'lifecycle_at_risk',
  ],
  messages: ['insights'],
  slice: () => undefined,
  views: {
    bar: ({ host, run }) => {
      const tier = run.insights.value?.tier;
      return tier ? <TierBadge tier={tier} lang={host.lang} t={host.t} /> : null;
    },
  },
});
