import { OverlayPanel } from '../../../components/OverlayPanel';
import type { AnyFeature, FeatureHost, PageStore, Place, TicketRun } from './types';

interface Props {
  host: FeatureHost;
  page: PageStore;
  features: readonly AnyFeature[];
}

function views(features: readonly AnyFeature[], place: Place, props: Omit<Props, 'features'>, run: TicketRun) {
  return features.map((feature) => {
    const View = feature.views[place];
    // Keyed by ticket as well: a new ticket mounts new views, so no view state (an open form) carries over.
    return View ? <View key={`${feature.id}\u0000${run.key}`} {...props} run={run} state={run.slice(feature)} /> : null;
  });
}

/** The overlay on either host: the switched-on features' views in their places, for the ticket in front. */
export function FeaturePanel({ host, page, features: all }: Props) {
  const on = page.features.value;
  // What the organisation switched off (policy, team configuration or the agent's options) is not shown at all.
  const features = all.filter((feature) => feature.switch === 'always' || on[feature.switch]);
  if (page.state.value === 'degraded')
    return (
      <>
        {features.map((feature) =>
          feature.Notice ? <feature.Notice key={feature.id} host={host} page={page} /> : null,
        )}
      </>
    );
  const run = page.active.value;
  const expanded = page.expanded.value;
  const props = { host, page };
  return (
    <OverlayPanel
      t={host.t}
      ticket={run?.ticket.value}
      expanded={expanded}
      onToggle={() => {
        page.expanded.value = !expanded;
      }}
      bar={run && views(features, 'bar', props, run)}
      summary={run && views(features, 'summary', props, run)}
      details={run?.insights.value && expanded ? views(features, 'details', props, run) : undefined}
      footer={run && views(features, 'footer', props, run)}
    />
  );
}
