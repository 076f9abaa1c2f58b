// Journey: the dashboard's drill-downs and trend.  A township cadre opens
// the households behind a figure card (as many as the card counts), then
// behind one village's bar segment from the keyboard table, follows a
// household into its record, downloads the list as xlsx; the trend by
// month is drawn from GET /api/report/trend, and a point of it (clicked on
// the chart, or its button in the table from the keyboard) opens the
// households behind that month's figure (GET /api/report/trend/list).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

const households = (t) => Number(/(\d+)户/.exec(t)[1])

test('dashboard: every figure, segment and trend point opens its households', async () => {
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
    // as the API counts them, in the table under the chart
    await page.goto(BASE + '/')
    const chart = page.locator('[data-test=trend] .chart')
    await chart.locator('canvas').waitFor()
    const year = new Date().getFullYear() - 1
    const api = await page.evaluate((y) => fetch(`/api/report/trend?year=${y}`).then((r) => r.json()), year)
    assert.equal(api.months.length, 12)
    const cell = (key, m) => page.locator(`[data-test=trend-${key}-${m}]`)
    for (const x of api.months) {
      assert.equal(Number(await cell('identified', x.month).innerText()), x.identified)
      assert.equal(Number(await cell('eliminated', x.month).innerText()), x.eliminated)
    }

    // a point of the line opens that month's households: click where the
    // chart drew it (the month with most eliminations)
    const pick = api.months.reduce((a, x) => (x.eliminated > a.eliminated ? x : a))
    assert.ok(pick.eliminated > 0, 'the demo township eliminated some last year')
    await page.locator('[data-test=trend] .chart[data-points]').waitFor()
    const pts = (await chart.getAttribute('data-points')).split('|').map((s) => s.split(' ').map((p) => p.split(',').map(Number)))
    const [px, py] = pts[1][pick.month - 1]
    await chart.click({ position: { x: px, y: py } })
    await page.locator('[data-test=drill-total]').filter({ hasText: `共 ${pick.eliminated} 户 ${pick.eliminated_persons} 人` }).waitFor()
    assert.match(await page.locator('.el-dialog__title').innerText(), new RegExp(`${year}年${pick.month}月风险消除`))
    const list = await page.evaluate(
      (q) => fetch(`/api/report/trend/list?${q}`).then((r) => r.json()),
      `year=${year}&month=${pick.month}&key=eliminated`,
    )
    const rows = await drill.locator('tbody tr a').allInnerTexts()
    assert.deepEqual(rows.map((t) => t.trim()), list.items.map((i) => i.hh_no))
    const th = await page.locator('[data-test=drill-xlsx]').getAttribute('href')
    assert.match(th, /^\/api\/report\/trend\/list\?/)
    const tx = await page.context().request.get(BASE + th)
    assert.equal(tx.status(), 200)
    assert.equal((await tx.body()).subarray(0, 2).toString(), 'PK')
    await shot(page, 'dashboard-trend-drill')
    await page.keyboard.press('Escape')
    await drill.waitFor({ state: 'hidden' })

    // the same from the keyboard: the month's button in the table
    await cell('eliminated', pick.month).focus()
    await page.keyboard.press('Enter')
    await page.locator('[data-test=drill-total]').filter({ hasText: `共 ${pick.eliminated} 户` }).waitFor()
    await page.keyboard.press('Escape')
    await drill.waitFor({ state: 'hidden' })
    await shot(page, 'dashboard-trend')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
