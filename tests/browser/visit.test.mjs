// Journey: a village cadre logs a visit on a phone (360 px wide) through
// the menu drawer; the page does not scroll sideways and the visit is
// stored (read back from the store).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { BASE, launch, login, shot } from './lib.mjs'

test('a visit logged at 360 px width', async () => {
  const b = await launch()
  try {
    const { page } = b
    await page.setViewportSize({ width: 360, height: 740 })
    await login(page, 'cun532399101001')
    await page.getByRole('button', { name: '打开菜单' }).click()
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '走访', exact: true }).last().click()
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

// Journey: a township cadre on a phone opens 走访: the households below
// this week's visit frequency are listed (as GET /api/visits/overdue) and
// download as xlsx; 记走访 puts one into the form, the visit is saved and its count rises.
test('overdue visits at 360 px, quick log from the list', async () => {
  const b = await launch()
  try {
    const { page } = b
    await page.setViewportSize({ width: 360, height: 740 })
    await login(page, 'xiang532399101')
    await page.goto(BASE + '/visits')
    const api = await page.evaluate(() => fetch('/api/visits/overdue').then((r) => r.json()))
    assert.ok(api.items.length > 0, 'the demo township has visits due')
    const first = api.items[0]
    const li = page.locator(`[data-test=due-${first.hh_no}]`)
    await li.waitFor()
    assert.equal(await page.locator('[data-test^=due-]').count(), api.items.length)
    assert.match(await li.innerText(), new RegExp(`本周 ${first.visits}/${first.required} 次`))
    // the list as an xlsx file, written by the server
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=visit-due-xlsx]').click()])
    assert.equal(dl.suggestedFilename(), 'visits-due.xlsx')
    assert.equal(readFileSync(await dl.path()).subarray(0, 2).toString(), 'PK')
    await li.getByRole('button', { name: /记走访/ }).click()
    assert.equal(await page.getByLabel('户编号').inputValue(), first.hh_no)
    await page.getByLabel('走访内容').fill('电话回访：了解就医报销情况')
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(wide <= 360, `no sideways scroll at 360 px (scrollWidth ${wide})`)
    await page.locator('[data-test=visit-submit]').click()
    await page.locator('[data-test=visit-done]').filter({ hasText: first.hh_no }).waitFor()
    await shot(page, 'visit-due')
    const after = await page.evaluate(() => fetch('/api/visits/overdue').then((r) => r.json()))
    const again = after.items.find((x) => x.hh_no === first.hh_no)
    assert.ok(!again || again.visits === first.visits + 1, 'the visit counts this week')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
