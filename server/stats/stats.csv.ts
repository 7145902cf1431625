import { stringify } from 'csv-stringify/sync';
import type { Figure, SatisfactionStats, ScriptStats, ServiceStats } from '../../lib/schema/stats';

/**
 * The same figures as the JSON answer, one row per group (a first row for the total). csv-stringify quotes what
 * needs quoting and neutralises cells a spreadsheet would run as a formula (names come from users and CRMs).
 * With CRLF records it quotes only cells holding the whole CRLF, but spreadsheets end a row at a bare CR or LF
 * too: a group key sent by an agent ("vip\n=HYPERLINK(…)") would start a row of its own with a live formula,
 * behind the neutralised first cell. Every cell holding either is quoted.
 */
function csv(header: string[], rows: (string | number | null)[][], bom: boolean): string {
  return stringify([header, ...rows], {
    escape_formulas: true,
    bom,
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  });
}

const value = (figure: Figure) => (figure.value === null ? null : Number(figure.value.toFixed(4)));

export function satisfactionCsv(stats: SatisfactionStats, bom: boolean): string {
  const dimensions = Object.keys(stats.total.dimensions);
  const header = [
    'group',
    'label',
    'n',
    'csat',
    'csat_n',
    'nps',
    'nps_n',
    'complaint_rate',
    'complaint_rate_n',
    'urgent',
    'important',
    ...dimensions.flatMap((d) => [d, `${d}_n`]),
  ];
  const row = (key: string, label: string, f: SatisfactionStats['total']) => [
    key,
    label,
    f.n,
    value(f.csat),
    f.csat.n,
    value(f.nps),
    f.nps.n,
    value(f.complaints.rate),
    f.complaints.rate.n,
    f.complaints.urgent,
    f.complaints.important,
    ...dimensions.flatMap((d) => {
      const figure = f.dimensions[d] ?? { value: null, n: 0 };
      return [value(figure), figure.n];
    }),
  ];
  return csv(header, [row('(total)', '(total)', stats.total), ...stats.groups.map((g) => row(g.key, g.label, g))], bom);
}

export function serviceCsv(stats: ServiceStats, bom: boolean): string {
  const header = [
    'group',
    'label',
    'sla_attainment',
    'sla_targets',
    'breaches',
    'first_reply_median_ms',
    'first_reply_p90_ms',
    'first_reply_n',
  ];
  const row = (key: string, label: string, f: ServiceStats['total']) => [
    key,
    label,
    value(f.slaAttainment),
    f.slaAttainment.n,
    f.breaches,
    value(f.firstReplyMedianMs),
    value(f.firstReplyP90Ms),
    f.firstReplyMedianMs.n,
  ];
  return csv(header, [row('(total)', '(total)', stats.total), ...stats.groups.map((g) => row(g.key, g.label, g))], bom);
}

export function scriptsCsv(stats: ScriptStats, bom: boolean): string {
  const header = [
    'script_id',
    'script_version',
    'inserted',
    'copied',
    'rated_up',
    'rated_down',
    'edited_pct',
    'edited_n',
    'csat_when_used',
    'csat_n',
  ];
  const rows = stats.scripts.map((s) => [
    s.scriptId,
    s.scriptVersion,
    s.inserted,
    s.copied,
    s.ratedUp,
    s.ratedDown,
    value(s.edited),
    s.edited.n,
    value(s.csatWhenUsed),
    s.csatWhenUsed.n,
  ]);
  const baseline = stats.csatWithoutScripts;
  return csv(
    header,
    [['(no script)', null, null, null, null, null, null, null, value(baseline), baseline.n], ...rows],
    bom,
  );
}
