// Journey: a clue and an identification case through the three levels
// with three accounts logged in at once (村 → 乡 → 县), each working from
// its 审核 queue; a step of another level is not offered; the case ends
// 已通过 and its record names each step's account.  A refusal needs a
// reason.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, daysAgo, launch, login, shot } from './lib.mjs'

const V = 'cun532399101001', T = 'xiang532399101', C = 'xian532399'

async function step(page, id, name, ago) {
  await page.goto(BASE + '/review')
  await page.locator(`[data-test=case-${id}]`).click().catch(async (e) => {
    await page.screenshot({ path: new URL(`./artifacts/fail-${name}.png`, import.meta.url).pathname, fullPage: true })
    throw e
  })
  const form = page.locator('[data-test=step-form]')
  await form.waitFor()
  const choice = form.locator('label.el-radio-button', { hasText: name })
  if (await choice.count()) await choice.click()
  await form.filter({ hasText: `办理：${name}` }).waitFor()
  await page.getByLabel('办理日期').fill(daysAgo(ago))
  await page.locator('[data-test=approve]').click()
  await page.locator('[data-test=steps]').filter({ hasText: `${name}：通过` }).waitFor()
}

test('a case through village, township and county', async () => {
  const [v, t, c] = [await launch(), await launch(), await launch()]
  try {
    await Promise.all([login(v.page, V), login(t.page, T), login(c.page, C)])
    const hh = process.env.HH_FREE
    await v.page.goto(`${BASE}/households/${hh}`)
    await v.page.locator('[data-test=add-clue]').click()
    await v.page.getByLabel('风险情况').fill('因病：家庭成员突发疾病住院')
    await v.page.getByLabel('发现日期').fill(daysAgo(13))
    await v.page.locator('[data-test=clue-submit]').click()
    await v.page.locator('[data-test=open-case]').click()
    await v.page.getByLabel('风险类型').fill('因病')
    await v.page.getByLabel('立案日期').fill(daysAgo(12))
    await v.page.locator('[data-test=case-submit]').click()
    await v.page.waitForURL(/\/cases\/\d+$/)
    const id = v.page.url().split('/').pop()
    await v.page.locator('[data-test=step-form]').filter({ hasText: '办理：入户核实' }).waitFor()
    await shot(v.page, 'case-open')

    // the township sees the case but is offered no step of the village's
    await t.page.goto(`${BASE}/cases/${id}`)
    await t.page.locator('[data-test=case-state]').waitFor()
    assert.equal(await t.page.locator('[data-test=step-form]').count(), 0)

    await step(v.page, id, '入户核实', 12)
    await step(t.page, id, '信息比对', 11)
    await step(v.page, id, '村级民主评议', 10)
    await step(v.page, id, '公示', 9)
    await shot(t.page, 'review-queue-township')
    await step(t.page, id, '乡镇审核', 4)
    // refusing needs a reason: without one nothing is sent
    await c.page.goto(`${BASE}/cases/${id}`)
    await c.page.locator('[data-test=reject]').click()
    await c.page.locator('[data-test=reject-confirm]').click()
    await c.page.locator('.el-message--warning').filter({ hasText: '不通过须填写理由' }).waitFor()
    assert.equal(await c.page.locator('[data-test=case-state]').innerText(), '办理中')
    await step(c.page, id, '县级审定', 3)
    await step(c.page, id, '公告', 2)
    await c.page.locator('[data-test=case-state]').filter({ hasText: '已通过' }).waitFor()
    const steps = await c.page.locator('[data-test=steps]').innerText()
    for (const [s, who] of [['入户核实', V], ['乡镇审核', T], ['县级审定', C]])
      assert.match(steps, new RegExp(`${s}：通过\\s+${who}`))
    await shot(c.page, 'case-done')
    for (const b of [v, t, c]) assert.deepEqual(b.problems, [])
  } finally {
    await Promise.all([v.close(), t.close(), c.close()])
  }
})
