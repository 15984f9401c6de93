import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartMarker } from '../SloCards/BurnDownChart';
import { timeTicks } from '../SloCards/chartAxes';
import { formatLocalTimeShort, formatPercent } from '../shared/format';

const HEIGHT = 180;

export interface SliDatum {
  t: string;
  good: number;
  total: number;
}

/**
 * The lower end of the SLI axis: a round step below both the target and the worst interval,
 * so the target line is never on the edge and a bad hour does not flatten everything else.
 */
export function sliAxisMin(target: number, values: number[]): number {
  // Down to five times the allowed error below the target at most: one outage interval
  // would otherwise squash the line against the top and the target with it (the dip is
  // still drawn, to the edge).
  const floor = Math.max(0, target - 5 * (1 - target));
  const low = Math.max(floor, Math.min(target, ...values));
  const gap = Math.max(1 - low, 1 - target);
  const step = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5].find(
    s => s >= gap / 4,
  );
  return Math.max(
    0,
    Math.floor((low - (step ?? 0.5) / 2) / (step ?? 0.5)) * (step ?? 0.5),
  );
}

/**
 * The SLI over time against the target: each point is the share of good events in the
 * interval that ends at it (intervals without events are gaps, neither good nor bad).
 */
export function SliChart(props: {
  points: SliDatum[];
  target: number;
  markers?: ChartMarker[];
}) {
  const theme = useTheme();
  const data = props.points.map(p => ({
    t: Date.parse(p.t),
    sli: p.total > 0 ? p.good / p.total : null,
  }));
  const values = data.flatMap(d => (d.sli === null ? [] : [d.sli]));
  const min = sliAxisMin(props.target, values);
  const first = data.length > 0 ? data[0].t : 0;
  const last = data.length > 0 ? data[data.length - 1].t : 0;
  const xTicks = timeTicks(first, last);
  const xLabels = new Map(xTicks.map(tick => [tick.t, tick.label]));
  const pct = (v: number) => formatPercent(v, 2);
  return (
    <div>
      <div
        role="img"
        aria-label="SLI over time against the target"
        style={{ width: '100%', height: HEIGHT }}
      >
        <ResponsiveContainer initialDimension={{ width: 600, height: HEIGHT }}>
          <LineChart
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
              interval="preserveStartEnd"
              minTickGap={8}
            />
            <YAxis
              width={72}
              domain={[min, 1]}
              tickFormatter={pct}
              allowDataOverflow
            />
            <ReferenceLine
              y={props.target}
              stroke={theme.palette.error.main}
              strokeDasharray="6 4"
              label={{
                value: `target ${formatPercent(props.target)}`,
                position: 'insideBottomRight',
                fontSize: 11,
                fill: theme.palette.error.main,
              }}
            />
            {(props.markers ?? [])
              .filter(m => m.t >= first && m.t <= last)
              .map(m => (
                <ReferenceLine
                  key={`${m.t}-${m.label}`}
                  x={m.t}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="2 2"
                />
              ))}
            <Tooltip
              labelFormatter={l => formatLocalTimeShort(Number(l))}
              formatter={(v: unknown) => [formatPercent(Number(v), 3), 'SLI']}
            />
            <Line
              type="linear"
              dataKey="sli"
              stroke={theme.palette.primary.main}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Typography variant="caption" color="textSecondary" display="block">
        Each point: the share of good events in the interval ending at it; the
        dashed line is the target.
      </Typography>
    </div>
  );
}
