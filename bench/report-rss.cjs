// Preloaded into a measured Node process (`node --require bench/report-rss.cjs …`): prints its peak
// resident set size (worker threads included), its CPU time (user + system, all threads) and the time
// spent in garbage collection on stderr when it exits. CPU time moves much less than wall time with the
// load of a shared machine.
const { PerformanceObserver } = require('node:perf_hooks');

let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});
observer.observe({ entryTypes: ['gc'] });
// GC entries reach the observer asynchronously: one more turn of the event loop before exiting delivers them.
process.once('beforeExit', () => setTimeout(() => {}, 1));
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\nmaxrss_kb=${usage.maxRSS} gc_ms=${gcMs.toFixed(1)} cpu_ms=${((usage.userCPUTime + usage.systemCPUTime) / 1000).toFixed(1)}\n`);
});
