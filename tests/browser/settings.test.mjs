// Journeys of 设置: a county cadre reads the parameters in force, asks what
// a monitoring line of 9500 元 would change (the preview stores nothing),
// then manages an account: adds one, gives it a password (it can log in),
// disables it (it no longer can).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login, shot } from './lib.mjs'

const apiLogin = (username, password) =>
  fetch(BASE + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((r) => r.status)

test('policy by area and year with the 9500 元 what-if', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532399')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '设置', exact: true }).first().click()
    await page.waitForURL(/\/settings$/)
    await page.locator('[data-test=line-in-force]').filter({ hasText: /元$/ }).waitFor()
    const line = await page.locator('[data-test=line-in-force]').innerText()
    assert.ok((await page.locator('[data-test=policy-table] tbody tr').count()) > 5, 'parameters listed')
    await page.getByLabel('测算值').fill('9500')
    await page.locator('[data-test=wi-preview]').click()
    const summary = page.locator('[data-test=wi-summary]')
    await summary.waitFor()
    const added = Number(/新增 (\d+) 户/.exec(await summary.innerText())[1])
    assert.ok(added > 0, 'a higher line brings households in')
    const rows = await page.locator('[data-test=wi-table] tbody tr').allInnerTexts()
    assert.equal(rows.filter((t) => t.includes('新纳入')).length, added, 'the table lists the households counted')
    await shot(page, 'settings-whatif')
    // the preview stored nothing
    await page.reload()
    await page.locator('[data-test=line-in-force]').filter({ hasText: /元$/ }).waitFor()
    assert.equal(await page.locator('[data-test=line-in-force]').innerText(), line)
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})

test('accounts: add, set a password, disable', async () => {
  const b = await launch()
  try {
    const { page } = b
    const name = 'webcun532399101009'
    const pw = 'Liulanqi-ceshi-1'
    await login(page, 'xian532399')
    await page.goto(BASE + '/accounts')
    await page.locator('[data-test=acc-table] tbody tr').first().waitFor()
    await page.locator('[data-test=acc-add]').click()
    await page.getByLabel('账号名').fill(name)
    await page.getByLabel(/管辖范围/).fill('532399101009')
    await page.locator('[data-test=acc-add-submit]').click()
    // the password dialog opens for the new account
    await page.getByLabel(/^新密码/).fill(pw)
    await page.getByLabel('再次输入新密码').fill(pw)
    await page.locator('[data-test=acc-pw-submit]').click()
    await page.locator('[data-test=acc-table] tbody tr', { hasText: name }).waitFor()
    await page.getByText(`已设置账号 ${name} 的密码`).waitFor()
    assert.equal(await apiLogin(name, pw), 200)
    await page.locator(`[data-test=acc-disable-${name}]`).click()
    await page.locator('[data-test=acc-disable-confirm]').click()
    await page.locator('[data-test=acc-table] tbody tr', { hasText: name }).filter({ hasText: '已停用' }).waitFor()
    assert.equal(await apiLogin(name, pw), 401)
    await shot(page, 'accounts')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
