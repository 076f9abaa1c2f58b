// Journey: a village cadre searches a household by the head's name and
// opens its record: members listed with ID numbers and phones masked as
// the API masks them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

test('search a household by name and open its record', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'cun532399101001')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '农户', exact: true }).first().click()
    await page.waitForURL(/\/households/)
    await page.getByLabel('姓名 / 户编号 / 身份证号后几位').fill(process.env.HEAD_V1)
    await page.keyboard.press('Enter')
    const link = page.getByRole('link', { name: process.env.HH_V1 })
    await link.waitFor()
    await shot(page, 'households')
    await link.click()
    await page.waitForURL(new RegExp(`/households/${process.env.HH_V1}$`))
    await page.locator('[data-test=hh-title]').filter({ hasText: process.env.HEAD_V1 }).waitFor()
    const ids = await page.locator('[data-test=members] tbody tr td:nth-child(3)').allInnerTexts()
    assert.ok(ids.length >= 1, 'members listed')
    for (const id of ids) assert.match(id.trim(), /^\d{6}\*{8}[\dX]{4}$/, `masked ID ${id}`)
    const text = await page.locator('body').innerText()
    assert.doesNotMatch(text, /\d{17}[\dX]/, 'no full ID number on the page')
    await shot(page, 'household-record')
    // a reload of the record's URL is served index.html and shows it again
    await page.reload()
    await page.locator('[data-test=hh-title]').filter({ hasText: process.env.HEAD_V1 }).waitFor()
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})

// Journey: a township cadre opens a monitored household's record: income
// by year in 元, the monitoring timeline with Chinese dates, the rule
// checks beside the measures, then registers a measure (一户一策) through
// the form and sees it listed and in the audit trail.
test('household record: incomes, timeline, measures with rule checks, audit', async () => {
  const b = await launch()
  try {
    const { page } = b
    const hh = process.env.HH_EP
    await login(page, 'xiang532399101')
    await page.goto(`${BASE}/households/${hh}`)
    await page.locator('[data-test=hh-title]').waitFor()
    const income = await page.locator('[data-test=incomes] tbody tr').first().innerText()
    assert.match(income, /\d{4}年/, 'income row has its year')
    assert.match(income, /元/, 'income in 元')
    const tl = await page.locator('[data-test=timeline]').innerText()
    assert.match(tl, /识别为(脱贫不稳定户|边缘易致贫户|突发严重困难户)/)
    assert.match(tl, /\d{4}年\d{1,2}月\d{1,2}日/, 'dates as 2024年6月30日')
    const before = await page.locator('[data-test=measures] tbody tr').count()
    await page.locator('[data-test=add-measure]').click()
    await page.getByLabel('措施内容').fill('浏览器测试：家庭医生签约服务')
    await page.locator('.el-select:has(#m-category)').click()
    await page.getByRole('option', { name: '健康帮扶', exact: true }).click()
    await page.locator('[data-test=measure-submit]').click()
    await page.locator('[data-test=measures]').filter({ hasText: '浏览器测试：家庭医生签约服务' }).waitFor()
    assert.equal(await page.locator('[data-test=measures] tbody tr').count(), before + 1)
    const row = await page.locator('[data-test=measures] tbody tr', { hasText: '浏览器测试' }).innerText()
    assert.match(row, /健康帮扶/, 'the category chosen')
    // the rule checks are shown (a finding, or that all pass)
    assert.ok((await page.locator('[data-test=finding], [data-test=checks-ok]').count()) >= 1, 'rule checks shown')
    await page.locator('[data-test=audit]').filter({ hasText: 'measure' }).waitFor()
    await shot(page, 'household-record-full')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
