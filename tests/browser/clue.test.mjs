// Journey: 线索与预警.  A township cadre dispatches the department
// warnings waiting in one village with a 核实期限 picked in the date field
// (the policy's by default, at most the policy's: a later day is refused
// by the server and nothing is dispatched): they become clues of that
// village due on the picked day, listed in the inbox; overdue deadlines
// show red with （已逾期）; the list downloads as xlsx.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE, launch, login, shot } from './lib.mjs'

const cn = (iso) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日` }

test('dispatch warnings to a village with a chosen deadline; deadlines, red when overdue', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    const pending = await page.evaluate(() => fetch('/api/warnings').then((r) => r.json()))
    assert.ok(pending.items.length > 0, 'the demo township has warnings waiting')
    const w = pending.items[0]
    await page.goto(BASE + '/clues')
    await page.getByRole('tab', { name: /部门预警/ }).click()
    const group = page.locator(`[data-test=warn-${w.area_code}]`)
    await group.waitFor()
    assert.match(await group.innerText(), /\d{6}\*{8}[\dX]{4}/, 'ID numbers masked')
    // the date field: the policy's deadline by default, today at the earliest
    const field = page.locator(`#deadline-${w.area_code}`)
    assert.equal(await field.inputValue(), w.policy_deadline)
    assert.equal(await field.getAttribute('max'), w.policy_deadline)
    const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    const plus = (base, n) => { const d = new Date(`${base}T12:00:00`); d.setDate(d.getDate() + n); return iso(d) }
    assert.equal(await field.getAttribute('min'), iso(new Date()))
    await shot(page, 'clues-warnings')
    // a day after the policy's: the server refuses, nothing dispatched
    await field.fill(plus(w.policy_deadline, 1))
    await page.locator(`[data-test=dispatch-${w.area_code}]`).click()
    await page.locator('.el-message--error').filter({ hasText: '晚于政策规定的期限' }).waitFor()
    assert.equal((await page.evaluate(() => fetch('/api/warnings').then((r) => r.json()))).items.length, pending.items.length)
    // three days from today: every clue of the village is due then
    const picked = plus(iso(new Date()), 3)
    await field.fill(picked)
    await page.locator(`[data-test=dispatch-${w.area_code}]`).click()
    await page.locator('.el-message--success').filter({ hasText: `核实期限${cn(picked)}` }).waitFor()
    await group.waitFor({ state: 'detached' })
    // the clue with its deadline, in the inbox
    const clues = await page.evaluate(() => fetch('/api/clues?state=' + encodeURIComponent('待核实')).then((r) => r.json()))
    const c = clues.items.find((x) => x.hh_no === w.hh_no && x.source === '部门预警')
    assert.ok(c, 'a clue made for the warning')
    assert.equal(c.deadline, picked, 'due on the day picked')
    await page.getByRole('tab', { name: /风险线索/ }).click()
    const row = page.locator('[data-test=clue-table] tbody tr', { hasText: w.hh_no }).filter({ hasText: '部门预警' })
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(cn(c.deadline)))
    // every overdue 待核实 deadline is red and says so
    const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` })
    const late = clues.items.filter((x) => x.deadline < today)
    assert.ok(late.length > 0, 'the demo has an overdue clue')
    for (const x of late) {
      const cell = page.locator('[data-test=clue-table] tbody tr', { hasText: x.hh_no }).locator('.overdue').first()
      assert.match(await cell.innerText(), /已逾期/)
      assert.equal(await cell.evaluate((e) => getComputedStyle(e).color), 'rgb(192, 57, 43)', 'red (.overdue)')
    }
    // the list as an xlsx file, written by the server for the state shown
    assert.match(await page.locator('[data-test=clues-xlsx]').getAttribute('href'), /format=xlsx/)
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=clues-xlsx]').click()])
    assert.equal(dl.suggestedFilename(), 'clues.xlsx')
    assert.equal(readFileSync(await dl.path()).subarray(0, 2).toString(), 'PK')
    await shot(page, 'clues')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
