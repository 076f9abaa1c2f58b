// Journey: a village cadre opens 项目库 (the 支付进度 chart by township and
// the xlsx table), opens a project's record and takes its 村申报 step,
// then 其他台账: the 问题整改 list, its export, and a problem 销号.  The
// ledgers are loaded first through `dixian import` (read back from the
// store afterwards).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BASE, launch, login, shot, daysAgo } from './lib.mjs'

const DIXIAN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dixian')
const q = (sql) => execFileSync('sqlite3', [process.env.DB, sql]).toString().trim()

function load() {
  const dir = mkdtempSync(join(tmpdir(), 'dx-funds-'))
  const files = {
    projects: '项目编号,项目名称,年度,区划代码,项目类型,中央衔接资金（万元）,省级衔接资金（万元）\n' +
      `BP1,甲一村茶园,${new Date().getFullYear()},532399101001,产业发展,100,20\n` +
      `BP2,乙乡冷库,${new Date().getFullYear()},532399102001,产业发展,80,0\n`,
    payments: `项目编号,拨付日期,资金来源,金额（万元）\nBP1,${daysAgo(3)},中央,60\n`,
    problems: '问题编号,问题来源,问题描述,区划代码,责任单位,整改时限,状态\n' +
      `BQ1,自查,档案不全,532399101001,甲一村委会,${daysAgo(-30)},整改中\n`,
  }
  for (const [kind, text] of Object.entries(files)) {
    const f = join(dir, kind + '.csv')
    writeFileSync(f, text)
    execFileSync(DIXIAN, ['import', kind, f, '--as', 'xian532399', '--db', process.env.DB])
  }
}

test('项目库, a project record with a step, and 其他台账 with 销号', async () => {
  load()
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'cun532399101001')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '项目库', exact: true }).first().click()
    await page.waitForURL(/\/projects$/)
    const table = page.locator('[data-test=project-table]')
    await table.getByText('BP1').waitFor()
    assert.equal(await table.getByText('BP2').count(), 0, "another township's project is not listed")
    await table.getByText('50.00%').waitFor()
    await page.locator('[data-test=progress-chart] canvas').first().waitFor()
    const href = await page.locator('[data-test=progress-xlsx]').getAttribute('href')
    assert.match(href, /\/api\/funds\/progress\?.*format=xlsx/)
    const res = await page.request.get(BASE + href)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'], /spreadsheetml/)
    await shot(page, 'projects')
    // the record, and a step
    await table.getByText('BP1').click()
    await page.waitForURL(/\/projects\/BP1$/)
    await page.locator('[data-test=project-record]').getByText('甲一村茶园').waitFor()
    await page.locator('[data-test=step-submit]').click()
    await page.locator('[data-test=project-status]').filter({ hasText: '已申报' }).waitFor()
    assert.equal(q("SELECT status FROM fund_project WHERE code = 'BP1'"), '已申报')
    // the procedure's seven steps, 村申报 done on its day; one under
    // another on a phone
    const steps = page.locator('[data-test=project-steps] .el-step')
    assert.equal(await steps.count(), 7)
    await steps.first().locator('.is-success').first().waitFor()
    const d = new Date()
    assert.match(await steps.first().innerText(), new RegExp(`村申报\\s*${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`))
    await page.setViewportSize({ width: 360, height: 740 })
    await page.locator('[data-test=project-steps].el-steps--vertical').waitFor()
    await page.setViewportSize({ width: 1280, height: 800 })
    await shot(page, 'project')
    // 其他台账: problems, export, 销号
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '其他台账', exact: true }).first().click()
    await page.waitForURL(/\/ledgers$/)
    await page.locator('[data-test=ledger-kinds]').getByRole('button', { name: '问题整改' }).click()
    const lt = page.locator('[data-test=ledger-table]')
    await lt.getByText('BQ1').first().waitFor()
    const ex = await page.locator('[data-test=ledger-export]').getAttribute('href')
    assert.match(ex, /\/api\/exports\/problems\?format=xlsx/)
    const er = await page.request.get(BASE + ex)
    assert.equal(er.status(), 200)
    await lt.getByRole('button', { name: '销号' }).first().click()
    await page.locator('.el-message--success').filter({ hasText: '已销号' }).waitFor()
    assert.equal(q("SELECT status FROM problem WHERE problem_no = 'BQ1'"), '已销号')
    await shot(page, 'ledgers')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
