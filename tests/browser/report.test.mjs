// Journey: the county opens 报告: the 基本情况 text and its tables; the
// print stylesheet hides the menu (A4).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { launch, login, shot } from './lib.mjs'

test('report page with text and tables, print layout', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532399')
    await page.getByRole('menuitem', { name: '报告' }).first().click()
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
