// The dashboard's first load with a cold cache, N times (a fresh browser
// profile each), for A/B comparisons: the same measurement as
// login.test.mjs (lib.mjs firstLoad), plus the network waterfall with
// WATERFALL=1.  Not a test (run.sh runs *.test.mjs only):
// BASE=http://127.0.0.1:PORT node tests/browser/coldload.mjs [N] against a
// server with the demo county; BASE="URL1 URL2" (two builds serving the
// same store) interleaves their runs, so that a change of the machine's
// load weighs on both alike, and prints the medians of each.  Builds before 2026-12-05 marked the end
// before the frame was painted: with BEFORE_PAINT=1, the end is the first
// frame painted after the mark (as the mark is now).  Builds before
// 2026-12-05 (evening) had no mark of the figures alone: `figures` is then
// the end.
import { firstLoad, launch } from './lib.mjs'

const bases = (process.env.BASE ?? '').split(/\s+/).filter(Boolean)

const n = Number(process.argv[2] ?? 5)
const median = (a) => {
  const s = [...a].sort((x, y) => x - y)
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2)
}
const runs = bases.map(() => [])
for (let k = 0; k < n; k++) {
  for (let j = 0; j < bases.length; j++) {
    const b = k % 2 ? bases.length - 1 - j : j // (ABBA: neither goes first always)
    const c = await launch()
    try {
      const m = await firstLoad(c, { base: bases[b], beforePaint: !!process.env.BEFORE_PAINT })
      runs[b].push(m)
      console.log(`run ${k + 1}${bases.length > 1 ? ` ${bases[b]}` : ''}: load ${m.load} ms, figures ${m.figures} ms, figures and chart ${m.ready} ms, cpu ${m.cpu} ms, ${m.requests} requests, ${Math.round(m.bytes / 1024)} KiB`)
      if (process.env.WATERFALL) console.log(m.waterfall.join('\n'))
    } finally {
      await c.close()
    }
  }
}
for (let j = 0; j < bases.length; j++) {
  const f = (k) => median(runs[j].map((r) => r[k]))
  const range = (k) => `${Math.min(...runs[j].map((r) => r[k]))}–${Math.max(...runs[j].map((r) => r[k]))}`
  console.log(`${bases.length > 1 ? `${bases[j]}: ` : ''}median of ${n}: figures and chart ${f('ready')} ms (${range('ready')}), figures ${f('figures')} ms (${range('figures')}), load ${f('load')} ms, cpu ${f('cpu')} ms (${range('cpu')})`)
}
