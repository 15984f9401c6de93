/**
 * Test utilities: a real Prometheus (Debian's package) back-filled with test series, and a
 * TCP proxy to take it down and bring it back. For tests of code that syncs from Prometheus.
 *
 * @packageDocumentation
 */
export { startTestPrometheus } from './__testUtils__/prometheus';
export type { TestPrometheus } from './__testUtils__/prometheus';
export { generateTestSeries } from './__testUtils__/testSeries';
export type { TestSeries } from './__testUtils__/testSeries';
export { startTcpProxy } from './__testUtils__/tcpProxy';
