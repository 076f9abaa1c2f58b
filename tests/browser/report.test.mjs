// Journey: the county opens 报告: the 基本情况 text and its tables; the
// print stylesheet hides the menu (A4).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

test('report page with text and tables, print layout', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532399')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '报告', exact: true }).first().click()
    const rep = page.locator('[data-test=report]')
    await rep.waitFor()
    const text = await rep.innerText()
    assert.match(text, /云岭县\d{4}年防止返贫动态监测和帮扶工作基本情况/)
    assert.match(text, /监测对象为\d+户\d+人/)
    assert.match(text, /统计截至 \d{4}年\d{1,2}月\d{1,2}日/)
    assert.ok((await rep.locator('table').count()) >= 3, 'three tables')
    await shot(page, 'report')
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('aside.side').isVisible(), false, 'menu hidden in print')
    await page.screenshot({ path: new URL('./artifacts/report-print.png', import.meta.url).pathname, fullPage: true })
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})

// The report's downloads (xlsx, html) and its A4 print: a PDF printed by
// chromium with the page's print CSS, A4 pages, the menu left out.
test('report downloads and A4 print', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532399')
    await page.goto(BASE + '/report')
    await page.locator('[data-test=report]').waitFor()
    const req = page.context().request
    const x = await req.get(BASE + (await page.locator('[data-test=report-xlsx]').getAttribute('href')))
    assert.equal(x.status(), 200)
    assert.equal((await x.body()).subarray(0, 2).toString(), 'PK')
    const h = await req.get(BASE + (await page.locator('[data-test=report-html]').getAttribute('href')))
    assert.equal(h.status(), 200)
    assert.match(await h.text(), /<title>云岭县\d{4}年防止返贫致贫监测帮扶工作情况<\/title>/)
    const pdf = await page.pdf({ path: new URL('./artifacts/report-a4.pdf', import.meta.url).pathname, preferCSSPageSize: true })
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
    assert.ok(pages >= 1, 'printed pages')
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))
    assert.ok(box && Math.abs(Number(box[1]) - 595.92) < 2 && Math.abs(Number(box[2]) - 842.88) < 2, `A4 page size ${box && box.slice(1)}`)
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})

// Every ledger list exports from the server, masked as the API masks: the
// 农户 list's export link for a village, fetched as CSV to read it.
test('household list exports its ledgers, ID numbers masked', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    await page.goto(BASE + '/households?area=532399101001')
    await page.locator('[data-test=hh-table] tbody tr').first().waitFor()
    await page.getByLabel('行政区划代码').fill('532399101001')
    const href = await page.locator('[data-test=export-persons]').getAttribute('href')
    assert.match(href, /area=532399101001/)
    const req = page.context().request
    const x = await req.get(BASE + href)
    assert.equal(x.status(), 200)
    assert.equal((await x.body()).subarray(0, 2).toString(), 'PK')
    const csv = await (await req.get(BASE + href.replace('format=xlsx', 'format=csv'))).text()
    assert.match(csv, /\d{6}\*{8}[\dX]{4}/, 'masked ID numbers')
    assert.doesNotMatch(csv, /\d{17}[\dX]/, 'no full ID number')
    assert.ok(csv.split('\n').slice(1).every((l) => !l || l.includes('532399101001')), 'one village only')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
