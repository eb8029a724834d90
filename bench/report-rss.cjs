// Preloaded into a measured Node process (`node --require bench/report-rss.cjs …`): prints its peak
// resident set size (worker threads included) and the time spent in garbage collection on stderr
// when it exits.
const { PerformanceObserver } = require('node:perf_hooks');

let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
});
observer.observe({ entryTypes: ['gc'] });
// GC entries reach the observer asynchronously: one more turn of the event loop before exiting delivers them.
process.once('beforeExit', () => setTimeout(() => {}, 1));
process.on('exit', () => {
  process.stderr.write(`\nmaxrss_kb=${process.resourceUsage().maxRSS} gc_ms=${gcMs.toFixed(1)}\n`);
});
