import { useTheme } from '@material-ui/core/styles';
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
import { formatPercent } from '../shared/format';

export interface BurnDownDatum {
  t: string;
  remaining: number | null;
}

const dateLabel = (t: string) =>
  new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/** Error budget remaining over the SLO window: the burn-down. */
export function BurnDownChart(props: { points: BurnDownDatum[] }) {
  const theme = useTheme();
  const data = props.points.map(p => ({
    t: p.t,
    remaining: p.remaining === null ? null : p.remaining * 100,
  }));
  return (
    <div
      role="img"
      aria-label="Error budget burn-down chart"
      style={{ width: '100%', height: 180 }}
    >
      <ResponsiveContainer>
        <AreaChart
          data={data}
          margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={dateLabel} minTickGap={40} />
          <YAxis
            unit="%"
            width={48}
            domain={[(min: number) => Math.min(0, Math.floor(min)), 100]}
          />
          <ReferenceLine y={0} stroke={theme.palette.error.main} />
          <Tooltip
            labelFormatter={l => new Date(String(l)).toLocaleString()}
            formatter={(v: unknown) => [
              formatPercent(Number(v) / 100, 2),
              'Budget remaining',
            ]}
          />
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
  );
}
