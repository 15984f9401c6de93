import type { Decisions } from '@reliability-suite/plugin-reliability-common';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DECISION_LABEL } from '../shared/policy';

const KINDS = ['fund-reliability', 'loosen-slo', 'accept-risk'] as const;

/**
 * Leadership decisions per month (UTC month of the decision), stacked by kind. Every month
 * of the period is a bar, a quiet one empty, so a quiet quarter reads as one.
 */
export function DecisionsTrendChart(props: { trend: Decisions['trend'] }) {
  const theme = useTheme();
  const colors: Record<(typeof KINDS)[number], string> = {
    'fund-reliability': theme.palette.primary.main,
    'loosen-slo': theme.palette.warning.main,
    'accept-risk': theme.palette.grey[500],
  };
  const total = props.trend.reduce(
    (n, m) => n + KINDS.reduce((k, kind) => k + m[kind], 0),
    0,
  );
  return (
    <div
      role="img"
      aria-label={`Leadership decisions per month: ${total} in ${props.trend.length} months`}
      style={{ width: '100%', height: 220 }}
    >
      <ResponsiveContainer>
        <BarChart data={props.trend} margin={{ top: 8, right: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {KINDS.map(kind => (
            <Bar
              key={kind}
              dataKey={kind}
              name={DECISION_LABEL[kind]}
              stackId="decisions"
              fill={colors[kind]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
