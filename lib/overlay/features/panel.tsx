import { OverlayPanel, TicketNumber, TicketSummary } from '../../../components/OverlayPanel';
import type { AnyFeature, FeatureHost, PageView, Place, TicketRun } from './types';

interface Props {
  host: FeatureHost;
  page: PageView;
  features: readonly AnyFeature[];
}

interface PlaceProps {
  host: FeatureHost;
  page: PageView;
  run: TicketRun;
  features: readonly AnyFeature[];
  place: Place;
}

/**
 * The views of one place. Keyed by feature only: a new ticket updates the views in place (a switch changes a few
 * texts, not the whole panel), and its state lives in the run's slices, which are new for every ticket. A view
 * that keeps component state of its own keys that part by `run.key`.
 */
function Views({ host, page, run, features, place }: PlaceProps) {
  return (
    <>
      {features.map((feature) => {
        const View = feature.views[place];
        return View ? <View key={feature.id} host={host} page={page} run={run} state={run.slice(feature)} /> : null;
      })}
    </>
  );
}

/** The details wait for the ticket's figures; each part reads only the signals it shows. */
function Details(props: PlaceProps) {
  return props.run.insights.value ? <Views {...props} /> : null;
}

const Number_ = ({ host, run }: { host: FeatureHost; run?: TicketRun }) => (
  <TicketNumber t={host.t} ticketId={run?.ticket.value.ticketId} />
);

const Summary = ({ host, run }: { host: FeatureHost; run: TicketRun }) => {
  const ticket = run.ticket.value;
  return <TicketSummary t={host.t} subject={ticket.subject} requester={ticket.requester?.name} />;
};

/**
 * The overlay on either host: the switched-on features' views in their places, for the ticket in front. This
 * component reads only what changes the frame (switches, state, the ticket in front, expanded); a new figure or
 * a field of the ticket re-renders only the parts that show it.
 */
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
  const place = (where: Place) => run && <Views host={host} page={page} run={run} features={features} place={where} />;
  return (
    <OverlayPanel
      t={host.t}
      ticketLine={<Number_ host={host} run={run} />}
      ticketSummary={run && <Summary host={host} run={run} />}
      expanded={expanded}
      onToggle={() => {
        page.expanded.value = !expanded;
      }}
      bar={place('bar')}
      summary={place('summary')}
      details={run && <Details host={host} page={page} run={run} features={features} place="details" />}
      footer={place('footer')}
    />
  );
}
