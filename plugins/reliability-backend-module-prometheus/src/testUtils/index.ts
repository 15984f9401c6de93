/**
 * Test utilities: a real Prometheus (Debian's package) back-filled with test series, and a
 * TCP proxy to take it down and bring it back. For tests of code that syncs from Prometheus.
 *
 * @packageDocumentation
 */
export { startTestPrometheus } from './prometheus';
export type { TestPrometheus } from './prometheus';
export { generateTestSeries } from './testSeries';
export type { TestSeries } from './testSeries';
export { startTcpProxy } from './tcpProxy';
