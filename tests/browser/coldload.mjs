// The dashboard's first load with a cold cache, N times (a fresh browser
// profile each), for A/B comparisons: the same measurement as
// login.test.mjs, plus the network waterfall with WATERFALL=1.  Not a test
// (run.sh runs *.test.mjs only): BASE=http://127.0.0.1:PORT node
// tests/browser/coldload.mjs [N] against a server with the demo county.
// Builds before 2026-12-05 marked the end before the frame was painted:
// with BEFORE_PAINT=1, `painted` is the first frame painted after the mark
// (as the mark is now); otherwise it is the mark.
import { BASE, launch, password } from './lib.mjs'

const n = Number(process.argv[2] ?? 5)
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]
const runs = []
for (let k = 0; k < n; k++) {
  const c = await launch()
  try {
    const r = await c.ctx.request.post(BASE + '/api/login', { data: { username: 'xian532399', password: password('xian532399') } })
    if (r.status() !== 200) throw new Error(`login ${r.status()}`)
    if (process.env.BEFORE_PAINT) await c.page.addInitScript(() => {
      const mark = performance.mark.bind(performance)
      performance.mark = (name, o) => {
        if (name === 'dixian-dashboard-ready') requestAnimationFrame(() => setTimeout(() => mark('dixian-painted')))
        return mark(name, o)
      }
    })
    const cdp = await c.ctx.newCDPSession(c.page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    await c.page.goto(BASE + '/', { waitUntil: 'load' })
    const name = process.env.BEFORE_PAINT ? 'dixian-painted' : 'dixian-dashboard-ready'
    for (let i = 0; i < 200; i++) {
      if (await c.page.evaluate((k) => performance.getEntriesByName(k).length > 0, name)) break
      await c.page.waitForTimeout(50)
    }
    const { metrics } = await cdp.send('Performance.getMetrics')
    const cpu = Math.round(1000 * (metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0))
    const m = await c.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const ready = performance.getEntriesByName('dixian-dashboard-ready')[0]
      const painted = performance.getEntriesByName('dixian-painted')[0] ?? ready
      const res = performance.getEntriesByType('resource')
      return {
        load: Math.round(nav.loadEventEnd),
        ready: Math.round(ready.startTime),
        painted: Math.round(painted.startTime),
        bytes: res.reduce((s, e) => s + (e.transferSize || 0), nav.transferSize || 0),
        requests: res.length + 1,
        waterfall: [nav, ...res].filter((e) => e.startTime < ready.startTime + 1).map((e) => `${String(Math.round(e.startTime)).padStart(5)} ${String(Math.round(e.responseEnd)).padStart(5)} ${String(Math.round((e.transferSize || 0) / 1024)).padStart(4)}K ${e.name.replace(/^https?:\/\/[^/]+/, '')}`),
      }
    })
    runs.push({ ...m, cpu })
    console.log(`run ${k + 1}: load ${m.load} ms, ready ${m.ready} ms, painted ${m.painted} ms, after load ${m.ready - m.load} ms, cpu ${cpu} ms, ${m.requests} requests, ${Math.round(m.bytes / 1024)} KiB`)
    if (process.env.WATERFALL) console.log(m.waterfall.join('\n'))
  } finally {
    await c.close()
  }
}
const f = (k) => median(runs.map((r) => r[k]))
const lo = (k) => Math.min(...runs.map((r) => r[k]))
const hi = (k) => Math.max(...runs.map((r) => r[k]))
console.log(`median of ${n}: painted ${f('painted')} ms (${lo('painted')}–${hi('painted')}), ready ${f('ready')} ms (${lo('ready')}–${hi('ready')}), load ${f('load')} ms, load→ready ${median(runs.map((r) => r.ready - r.load))} ms, cpu ${f('cpu')} ms (${lo('cpu')}–${hi('cpu')})`)
