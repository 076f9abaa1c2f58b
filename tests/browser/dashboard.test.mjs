// Journey: the dashboard's drill-downs and trend.  A township cadre opens
// the households behind a figure card (as many as the card counts), then
// behind one village's bar segment from the keyboard table, follows a
// household into its record, downloads the list as xlsx; the trend by
// month is drawn from GET /api/report/trend.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

const households = (t) => Number(/(\d+)户/.exec(t)[1])

test('dashboard: every figure and segment opens its households; trend by month', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    const card = page.locator('[data-test=fig-monitored]')
    const n = households(await card.locator('.value').innerText())
    assert.ok(n > 0, 'the demo township has monitored households')
    await card.click()
    const drill = page.locator('[data-test=drill-table]')
    await page.locator('[data-test=drill-total]').filter({ hasText: `共 ${n} 户` }).waitFor()
    assert.equal(await drill.locator('tbody tr').count(), n)
    await shot(page, 'dashboard-drill')
    // the same list as an xlsx download through the session
    const href = await page.locator('[data-test=drill-xlsx]').getAttribute('href')
    const x = await page.context().request.get(BASE + href)
    assert.equal(x.status(), 200)
    assert.equal((await x.body()).subarray(0, 2).toString(), 'PK')
    await page.keyboard.press('Escape')
    await drill.waitFor({ state: 'hidden' })

    // one village's 未消除风险 segment, from the table under the chart (keyboard)
    const seg = page.locator('[data-test^=seg-active-]').filter({ hasText: /^[1-9]\d*户$/ }).first()
    const m = households(await seg.innerText())
    await seg.focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-test=drill-total]').filter({ hasText: `共 ${m} 户` }).waitFor()
    const first = drill.locator('tbody tr a').first()
    const hh = (await first.innerText()).trim()
    await first.click()
    await page.waitForURL(new RegExp(`/households/${hh}$`))
    await page.locator('[data-test=hh-title]').filter({ hasText: hh }).waitFor()

    // the trend by month of the dashboard's year (last year: 12 months),
    // as the API counts them
    await page.goto(BASE + '/')
    await page.locator('[data-test=trend] canvas').waitFor()
    const text = await page.locator('[data-test=trend] .sr-only').textContent()
    const shown = [...text.matchAll(/(\d+)月新识别(\d+)户、风险消除(\d+)户/g)].map((x) => x.slice(1).map(Number))
    const api = await page.evaluate(() => fetch(`/api/report/trend?year=${new Date().getFullYear() - 1}`).then((r) => r.json()))
    assert.equal(shown.length, 12)
    assert.deepEqual(shown, api.months.map((x) => [x.month, x.identified, x.eliminated]))
    await shot(page, 'dashboard-trend')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
