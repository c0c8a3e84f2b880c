// Shared helpers of the end-to-end benchmark.
import { performance } from 'node:perf_hooks';

// Microseconds since the epoch, with sub-millisecond resolution.
export function nowUs() {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summarize(impl, latenciesUs, firstSendUs, lastArrivalUs) {
  const sorted = [...latenciesUs].sort((a, b) => a - b);
  return {
    bench: 'e2e_latency',
    impl,
    corpus: `${sorted.length} todos`,
    received: sorted.length,
    p50_ms: percentile(sorted, 50) / 1000,
    p99_ms: percentile(sorted, 99) / 1000,
    max_ms: sorted[sorted.length - 1] / 1000,
    drain_ms: (lastArrivalUs - firstSendUs) / 1000,
  };
}
