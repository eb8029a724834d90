// Preloaded into a measured Node process (`node --require bench/report-rss.cjs …`): prints its peak
// resident set size (worker threads included) on stderr when it exits.
process.on('exit', () => {
  process.stderr.write(`\nmaxrss_kb=${process.resourceUsage().maxRSS}\n`);
});
