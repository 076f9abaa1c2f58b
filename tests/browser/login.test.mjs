// Journey: log in (a wrong password is refused with the server's message),
// see the dashboard, log out.  Measures the dashboard's first load with a
// cold cache (a fresh profile: lib.mjs firstLoad) from navigation timing,
// and the main thread's CPU time until then; prints them with the server's
// build (sanitized or not), asserts no timing.  No CSP violation may be reported on the way.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, firstLoad, launch, password, serverBuild, shot } from './lib.mjs'

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
    const m = await firstLoad(c)
    await c.page.locator('[data-test=fig-monitored] .value').waitFor()
    await c.page.locator('.chart canvas').first().waitFor()
    t.diagnostic(`dashboard first load (cold cache, county 云岭县, 2000 households, ${serverBuild()}): load event ${m.load} ms, figures shown ${m.figures} ms, figures and chart shown ${m.ready} ms after navigation start (main thread busy ${m.cpu} ms of CPU time by then); ${m.requests} requests, ${Math.round(m.bytes / 1024)} KiB transferred`)
    assert.deepEqual(c.problems, [])
  } finally {
    await c.close()
  }
})
