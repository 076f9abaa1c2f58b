// Journey: a village account edits the URL to another village's household
// and case: the page says 无权限或不存在 and shows none of its data.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

test('another village\'s household and case cannot be reached by URL', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'cun532399101002')
    await page.goto(`${BASE}/households/${process.env.HH_V1}`)
    await page.locator('[data-test=denied]').filter({ hasText: '无权限或不存在' }).waitFor()
    const text = await page.locator('body').innerText()
    assert.ok(!text.includes(process.env.HEAD_V1), 'the head\'s name is not shown')
    assert.equal(await page.locator('[data-test=members]').count(), 0)
    await shot(page, 'scope-household-denied')
    if (process.env.CASE_V1) {
      await page.goto(`${BASE}/cases/${process.env.CASE_V1}`)
      await page.locator('[data-test=denied]').waitFor()
      assert.equal(await page.locator('[data-test=case-state]').count(), 0)
    }
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
