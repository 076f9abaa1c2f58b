// Journey: 帮扶 (一户一策).  A township cadre opens the worklist of the
// measure rules: the households listed are those GET /api/check names
// for rules C008–C011; one opens its record, where a measure fixes it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

test('一户一策 worklist from the rule checks', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '帮扶', exact: true }).first().click()
    await page.waitForURL(/\/help$/)
    const api = await page.evaluate(() => fetch('/api/check').then((r) => r.json()))
    const want = api.items.filter((i) => ['C008', 'C009', 'C010', 'C011'].includes(i.rule))
    assert.ok(want.length > 0, 'the demo township has measure findings')
    const table = page.locator('[data-test=help-table]')
    await table.locator('tbody tr').first().waitFor()
    assert.equal(await table.locator('tbody tr').count(), want.length)
    const c010 = want.filter((i) => i.rule === 'C010').length
    await page.locator('[data-test=rule-C010]').click()
    assert.equal(await table.locator('tbody tr').count(), c010)
    await shot(page, 'help')
    if (c010) {
      const link = table.locator('tbody tr a').first()
      const hh = (await link.innerText()).trim()
      await link.click()
      await page.waitForURL(new RegExp(`/households/${hh}$`))
      await page.locator('[data-test=finding]').filter({ hasText: 'C010' }).waitFor()
    }
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
