import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatLocalTimeShort, formatPercent } from '../shared/format';
import {
  percentAxisWidth,
  percentLabel,
  percentTicks,
  timeTicks,
} from './chartAxes';

export interface BurnDownDatum {
  t: string;
  remaining: number | null;
}

const HEIGHT = 180;

/**
 * What a point means, since for Occurrences the budget is not fixed: it is the bad events
 * the traffic so far allows, so it grows through the window.
 */
const EXPLANATION: Record<'events' | 'ms', string> = {
  events:
    'Each point: the bad events up to then, against the budget the traffic so far allows. The budget grows with the traffic, so a bad minute early in a window is measured against it and the line only goes down.',
  ms: 'Each point: the bad time up to then, against the bad time the whole window allows.',
};

/** A moment marked on the time axis, e.g. a refinement of the SLO. */
export interface ChartMarker {
  t: number;
  label: string;
}

/**
 * The ideal burn: the budget spent evenly, from 100% at the window start to 0% at the end
 * of its period. At t, in percent.
 */
export function idealRemaining(
  ideal: { from: number; to: number },
  t: number,
): number {
  return ideal.to > ideal.from
    ? 100 * (1 - (t - ideal.from) / (ideal.to - ideal.from))
    : 0;
}

/** Error budget remaining over the SLO window (or its last days): the burn-down. */
export function BurnDownChart(props: {
  points: BurnDownDatum[];
  /** The budget's unit, to say what a point means. */
  unit?: 'events' | 'ms';
  /** Draws the ideal-burn line: the window's start and its period's end, epoch ms. */
  ideal?: { from: number; to: number };
  /** Moments marked on the time axis. */
  markers?: ChartMarker[];
}) {
  const theme = useTheme();
  const { ideal } = props;
  const data = props.points.map(p => {
    const t = Date.parse(p.t);
    return {
      t,
      remaining: p.remaining === null ? null : p.remaining * 100,
      ...(ideal ? { ideal: idealRemaining(ideal, t) } : {}),
    };
  });
  const values = data.flatMap(d => (d.remaining === null ? [] : [d.remaining]));
  const yTicks = percentTicks(Math.min(0, ...values));
  const first = data.length > 0 ? data[0].t : 0;
  const last = data.length > 0 ? data[data.length - 1].t : 0;
  const xTicks = timeTicks(first, last);
  const xLabels = new Map(xTicks.map(tick => [tick.t, tick.label]));
  return (
    <div>
      <div
        role="img"
        aria-label="Error budget burn-down chart"
        style={{ width: '100%', height: HEIGHT }}
      >
        {/* The initial size renders the chart before it is measured (and where it
            cannot be, as in tests); the container then follows the card's width. */}
        <ResponsiveContainer initialDimension={{ width: 600, height: HEIGHT }}>
          <AreaChart
            data={data}
            margin={{ top: 8, right: 16, left: 0, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[first, last]}
              ticks={xTicks.map(tick => tick.t)}
              tickFormatter={(t: number) => xLabels.get(t) ?? ''}
              // On a narrow card the dates would overlap: the axis drops those that would,
              // measured by their rendered width, and keeps the first and the last.
              interval="preserveStartEnd"
              minTickGap={8}
            />
            <YAxis
              width={percentAxisWidth(yTicks)}
              domain={[yTicks[0], 100]}
              ticks={yTicks}
              tickFormatter={percentLabel}
              interval={0}
              allowDataOverflow
            />
            <ReferenceLine y={0} stroke={theme.palette.error.main} />
            {(props.markers ?? [])
              .filter(m => m.t >= first && m.t <= last)
              .map(m => (
                <ReferenceLine
                  key={`${m.t}-${m.label}`}
                  x={m.t}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="2 2"
                  label={{
                    value: m.label,
                    position: 'insideTopLeft',
                    fontSize: 11,
                    fill: theme.palette.text.secondary,
                  }}
                />
              ))}
            <Tooltip
              labelFormatter={l => formatLocalTimeShort(Number(l))}
              formatter={(v: unknown, key: unknown) => [
                formatPercent(Number(v) / 100, 2),
                key === 'ideal' ? 'Ideal burn' : 'Budget remaining',
              ]}
            />
            {ideal && (
              <Area
                type="linear"
                dataKey="ideal"
                stroke={theme.palette.text.secondary}
                strokeDasharray="6 4"
                fill="none"
                isAnimationActive={false}
              />
            )}
            <Area
              type="monotone"
              dataKey="remaining"
              stroke={theme.palette.primary.main}
              fill={theme.palette.primary.light}
              isAnimationActive={false}
              connectNulls
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      {props.unit && (
        <Typography variant="caption" color="textSecondary" display="block">
          {EXPLANATION[props.unit]}
          {ideal &&
            ' The dashed line is the ideal burn: the budget spent evenly, gone exactly at the end of the window.'}
        </Typography>
      )}
    </div>
  );
}
