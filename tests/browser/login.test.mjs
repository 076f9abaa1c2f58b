// Journey: log in (a wrong password is refused with the server's message),
// see the dashboard, log out.  Measures the dashboard's first load with a
// cold cache (a fresh profile) from navigation timing, and the main
// thread's CPU time until then; prints them, asserts no timing.  No CSP violation may be reported on the way.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, password, shot } from './lib.mjs'

test('log in, dashboard with figures and chart, log out', async (t) => {
  const b = await launch()
  try {
    const { page } = b
    await page.goto(BASE + '/')
    await page.waitForURL(/\/login/)
    await page.getByLabel('账号').fill('xian532399')
    await page.getByLabel('密码').fill('not-the-password')
    await page.keyboard.press('Enter')
    await page.getByRole('alert').filter({ hasText: '账号或密码错误' }).waitFor()
    await shot(page, 'login-error')

    await page.getByLabel('密码').fill(password('xian532399'))
    await page.keyboard.press('Enter') // keyboard only
    await page.locator('[data-test=who]').filter({ hasText: 'xian532399' }).waitFor()
    await page.locator('[data-test=fig-monitored] .value').waitFor()
    const monitored = await page.locator('[data-test=fig-monitored] .value').innerText()
    assert.match(monitored, /^\d+户$/)
    await page.locator('canvas').first().waitFor()
    await shot(page, 'dashboard')

    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.status))
    assert.equal(me, 401)
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
  // cold cache: a new profile, logged in through the API, then the dashboard
  const c = await launch()
  try {
    const r = await c.ctx.request.post(BASE + '/api/login', { data: { username: 'xian532399', password: password('xian532399') } })
    assert.equal(r.status(), 200)
    // the main thread's CPU time too: on a loaded machine the wall-clock
    // figures measure the other processes as much as the page
    const cdp = await c.ctx.newCDPSession(c.page)
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
    await c.page.goto(BASE + '/', { waitUntil: 'load' })
    // (polled with evaluate: waitForFunction evaluates a string, which the CSP forbids)
    for (let i = 0; i < 200; i++) {
      if (await c.page.evaluate(() => performance.getEntriesByName('dixian-dashboard-ready').length > 0)) break
      await c.page.waitForTimeout(50)
    }
    const { metrics } = await cdp.send('Performance.getMetrics')
    const cpu = Math.round(1000 * (metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0))
    await c.page.locator('canvas').first().waitFor()
    const m = await c.page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      const ready = performance.getEntriesByName('dixian-dashboard-ready')[0]
      const res = performance.getEntriesByType('resource')
      return {
        load: Math.round(nav.loadEventEnd),
        ready: Math.round(ready.startTime),
        bytes: res.reduce((s, e) => s + (e.transferSize || 0), nav.transferSize || 0),
        requests: res.length + 1,
      }
    })
    t.diagnostic(`dashboard first load (cold cache, county 云岭县, 2000 households): load event ${m.load} ms, figures and chart shown ${m.ready} ms after navigation start (main thread busy ${cpu} ms of CPU time by then); ${m.requests} requests, ${Math.round(m.bytes / 1024)} KiB transferred`)
    assert.deepEqual(c.problems, [])
  } finally {
    await c.close()
  }
})
