// Journey: 批量审核.  Two cases of village 1 are opened and verified by the
// village (through the API); the township cadre ticks both in its 审核
// queue and passes them at once: each case's result is listed (信息比对
// 通过) and the cases' records show the township's step.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, daysAgo, launch, login, password, shot } from './lib.mjs'

/* The village's API calls, as a logged-in client (cookie + CSRF). */
async function village() {
  const r = await fetch(BASE + '/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'cun532399101001', password: password('cun532399101001') }) })
  assert.equal(r.status, 200)
  const cookie = r.headers.get('set-cookie').split(';')[0]
  const { csrf } = await r.json()
  return async (path, body) => {
    const x = await fetch(BASE + path, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf }, body: JSON.stringify(body) })
    const doc = await x.json()
    assert.ok(x.status < 300, `${path}: ${x.status} ${doc.message}`)
    return doc
  }
}

test('bulk approval at township level, each case reported', async () => {
  const post = await village()
  const ids = []
  for (const hh of process.env.HH_BULK.trim().split(/\s+/)) {
    const clue = await post('/api/clues', { hh_no: hh, source: '干部排查', reason: '因病：住院', found_on: daysAgo(13) })
    const c = await post('/api/cases', { kind: '识别', clue_id: clue.id, category: '边缘易致贫户', risks: '因病', date: daysAgo(12) })
    await post(`/api/cases/${c.id}/steps`, { step: '入户核实', action: '通过', date: daysAgo(12) })
    ids.push(c.id)
  }
  assert.equal(ids.length, 2)
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    await page.goto(BASE + '/review')
    for (const id of ids) {
      const row = page.locator('[data-test=review-table] tbody tr', { has: page.locator(`[data-test=case-${id}]`) })
      await row.locator('.el-checkbox').click()
    }
    await page.locator('[data-test=bulk-approve]').filter({ hasText: '2件' }).click()
    const res = page.locator('[data-test=bulk-results]')
    await res.waitFor()
    const rows = await res.locator('tbody tr').allInnerTexts()
    assert.equal(rows.length, 2)
    for (const t of rows) assert.match(t, /信息比对\s+通过/)
    await shot(page, 'review-bulk')
    await page.goto(`${BASE}/cases/${ids[0]}`)
    await page.locator('[data-test=steps]').filter({ hasText: '信息比对：通过' }).waitFor()
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
