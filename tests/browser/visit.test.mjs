// Journey: a village cadre logs a visit on a phone (360 px wide) through
// the menu drawer; the page does not scroll sideways and the visit is
// stored (read back from the store).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { BASE, launch, login, shot } from './lib.mjs'

test('a visit logged at 360 px width', async () => {
  const b = await launch()
  try {
    const { page } = b
    await page.setViewportSize({ width: 360, height: 740 })
    await login(page, 'cun532399101001')
    await page.getByRole('button', { name: '打开菜单' }).click()
    await page.getByRole('menuitem', { name: '走访' }).last().click()
    await page.waitForURL(/\/visits$/)
    await page.getByLabel('户编号').fill(process.env.HH_V1)
    await page.getByLabel('走访内容').fill('了解家庭务工和就医情况')
    await page.getByLabel('发现的问题（选填）').fill('无新增风险')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(wide <= 360, `no sideways scroll at 360 px (scrollWidth ${wide})`)
    await page.locator('[data-test=visit-submit]').click()
    await page.locator('[data-test=visit-done]').filter({ hasText: process.env.HH_V1 }).waitFor()
    await shot(page, 'visit')
    const n = execFileSync('sqlite3', [process.env.DB, `SELECT count(*) FROM visit v JOIN household h ON h.id = v.household_id WHERE h.hh_no = '${process.env.HH_V1}' AND v.content = '了解家庭务工和就医情况'`]).toString().trim()
    assert.equal(n, '1')
    // another village's household is refused with the server's message
    await page.getByLabel('户编号').fill('999999999999999')
    await page.getByLabel('走访内容').fill('x')
    await page.locator('[data-test=visit-submit]').click()
    await page.locator('.el-message--error').waitFor()
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
