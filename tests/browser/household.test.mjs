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
    await page.getByRole('menuitem', { name: '农户' }).first().click()
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
