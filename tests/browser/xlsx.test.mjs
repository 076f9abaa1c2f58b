// Every list's 导出 xlsx button: click it, take the download, open the
// workbook (a zip with the sheet's XML) and check its header row and that
// its rows are the rows the page shows (the server writes the file from
// the same list, masked the same).  Runs after the other specs (funds has
// loaded projects, clue has dispatched one village's warnings).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, cnDate, downloadXlsx, launch, login, tableRows } from './lib.mjs'

const ID = /(?<!\d)\d{17}[\dX](?!\d)/
const noId = (rows) => assert.ok(!rows.some((r) => r.some((c) => ID.test(c))), 'no ID number in full')
const pad = (rows, n) => rows.map((r) => [...r, ...Array(Math.max(0, n - r.length)).fill('')])

async function withPage(account, fn) {
  const b = await launch()
  try {
    await login(b.page, account)
    await fn(b.page)
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
}

test('线索与预警: the overdue list and the warnings waiting for dispatch', async () => {
  await withPage('xiang532399101', async (page) => {
    await page.goto(BASE + '/clues')
    await page.getByRole('tab', { name: /逾期事项/ }).click()
    const shown = await tableRows(page, '[data-test=overdue-table]')
    const rows = await downloadXlsx(page, '[data-test=overdue-xlsx]', 'overdue.xlsx')
    assert.deepEqual(rows[0], ['类型', '编号', '户编号', '户主', '区划', '乡镇', '村', '事项', '待办步骤', '责任层级', '期限', '逾期天数', '绿色通道'])
    const body = pad(rows.slice(1), 13)
    assert.ok(body.length > 0, 'the demo township has overdue items')
    assert.deepEqual(body.map((x) => [x[0], x[2], x[9], x[8], cnDate(x[10]), `${x[11]}天`]), shown)
    noId(rows)
  })
  // the county's (the township's may all have been dispatched by clue's spec)
  await withPage('xian532399', async (page) => {
    await page.goto(BASE + '/clues')
    await page.getByRole('tab', { name: /部门预警/ }).click()
    const label = await page.getByRole('tab', { name: /部门预警/ }).innerText()
    const groups = await page.locator('[data-test^=warn-]').evaluateAll((gs) => gs.map((g) => g.dataset.test.slice(5)))
    const wrows = await downloadXlsx(page, '[data-test=warnings-xlsx]', 'warnings.xlsx')
    assert.deepEqual(wrows[0], ['编号', '部门', '预警事项', '期间', '身份证号', '姓名', '发生日期', '金额（元）', '户编号', '行政村代码', '村', '核实期限（政策）'])
    const wbody = pad(wrows.slice(1), 12)
    assert.ok(wbody.length > 0, 'the demo county has warnings waiting')
    assert.equal(label, `部门预警（待派发 ${wbody.length}）`)
    // village by village, as the page groups them: the same rows, the
    // policy's deadline the date field offers
    assert.deepEqual(groups, [...new Set(wbody.map((x) => x[9]))])
    for (const area of groups) {
      const mine = wbody.filter((x) => x[9] === area)
      const yuan = (x) => (x ? `${Number(x).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}元` : '—')
      assert.deepEqual(mine.map((x) => [x[1], x[2], cnDate(x[6]), Number(x[7]) >= 100000 ? `${(Number(x[7]) / 10000).toFixed(2)}万元` : yuan(x[7]), x[8], x[4]]),
        await tableRows(page, `[data-test=warn-${area}]`), area)
      assert.equal(await page.locator(`#deadline-${area}`).inputValue(), mine[0][11])
    }
    assert.ok(wbody.every((x) => /^\d{6}\*{8}[\dX]{4}$/.test(x[4])), '身份证号 masked as on the page')
    noId(wrows)
  })
})

test('帮扶 and 审核: the rule findings and the cases in progress', async () => {
  await withPage('xiang532399101', async (page) => {
    await page.goto(BASE + '/help')
    const shown = await tableRows(page, '[data-test=help-table]')
    const rows = await downloadXlsx(page, '[data-test=check-xlsx]', 'check.xlsx')
    assert.deepEqual(rows[0], ['户编号', '户主', '村', '规则', '问题', '说明'])
    // the page lists the measure rules' findings; the file every rule's
    const body = pad(rows.slice(1), 6)
    const measure = body.filter((x) => ['C008', 'C009', 'C010', 'C011'].includes(x[3]))
    assert.ok(measure.length > 0 && body.length >= measure.length)
    assert.deepEqual(measure, shown)
    noId(rows)

    await page.goto(BASE + '/review')
    await page.locator('[data-test=review-table]').waitFor()
    const mine = (await tableRows(page, '[data-test=review-table]')).map((r) => r.filter((c) => c !== ''))
    const others = await tableRows(page, '[data-test=review-others]')
    const crows = await downloadXlsx(page, '[data-test=cases-xlsx]', 'cases.xlsx')
    assert.deepEqual(crows[0], ['案件编号', '户编号', '行政村代码', '类型', '状态', '立案日期', '办结期限', '办结日期', '理由', '监测类别', '风险类型', '消除方式', '绿色通道', '立案人', '标记'])
    const cbody = pad(crows.slice(1), 15)
    assert.ok(cbody.length > 0 && cbody.every((x) => x[4] === '办理中'))
    const onPage = new Map([...mine.map((r) => [r[0], [r[1], r[r.length - 1]]]), ...others.map((r) => [r[0], [r[1], r[r.length - 1]]])])
    assert.deepEqual(new Map(cbody.map((x) => [x[0], [x[1], cnDate(x[6])]])), onPage)
    noId(crows)
  })
})

test('农户: the whole search result, not one page', async () => {
  await withPage('xiang532399101', async (page) => {
    await page.goto(BASE + '/households')
    await page.locator('#hh-area').fill('532399101')
    await page.locator('[data-test=search]').click()
    await page.waitForURL(/area=532399101/)
    await page.locator('[data-test=hh-table] tbody tr').first().waitFor()
    const total = Number((await page.locator('.el-pagination__total').innerText()).replace(/\D/g, ''))
    const shown = await tableRows(page, '[data-test=hh-table]')
    const rows = await downloadXlsx(page, '[data-test=hh-xlsx]', 'households.xlsx')
    assert.deepEqual(rows[0], ['户编号', '行政村代码', '村民小组', '户类型', '脱贫年度', '户主', '人数', '联系电话'])
    const body = pad(rows.slice(1), 8)
    assert.ok(total > shown.length, 'more than one page')
    assert.equal(body.length, total)
    assert.ok(body.every((x) => x[1].startsWith('532399101')))
    assert.deepEqual(body.slice(0, shown.length).map((x) => [x[0], x[5], x[3], x[2], x[6], x[7]]), shown)
    assert.ok(body.every((x) => !/\d{11}/.test(x[7])), 'phones masked as on the page')
    noId(rows)
  })
})

test('项目库 and 账号: the project list and the accounts', async () => {
  await withPage('xian532399', async (page) => {
    await page.goto(BASE + '/projects')
    await page.locator('[data-test=project-table] tbody tr').first().waitFor()
    const shown = await tableRows(page, '[data-test=project-table]')
    const rows = await downloadXlsx(page, '[data-test=projects-xlsx]', 'projects.xlsx')
    assert.deepEqual(rows[0], ['项目编号', '所属县', '项目名称', '年度', '实施地点代码', '项目类型', '产业项目', '状态', '中央资金（元）', '省级资金（元）', '市级资金（元）', '县级资金（元）', '其他资金（元）', '中央和省级（元）', '已拨付（元）', '支付进度'])
    const wan = (y) => (Number(y) / 10000).toFixed(2).replace(/\.?0+$/, '')
    assert.deepEqual(pad(rows.slice(1), 16).map((x) => [x[0], x[2], x[5], x[7], wan(x[13]), wan(x[14]), x[15] || '—']), shown)

    await page.goto(BASE + '/accounts')
    await page.locator('[data-test=acc-table] tbody tr').first().waitFor()
    const accounts = await tableRows(page, '[data-test=acc-table]')
    const arows = await downloadXlsx(page, '[data-test=acc-xlsx]', 'accounts.xlsx')
    assert.deepEqual(arows[0], ['账号', '姓名', '层级', '管辖范围', '角色', '状态'])
    assert.deepEqual(pad(arows.slice(1), 6).map((x) => [x[0], x[2], x[3], x[4], x[5]]), accounts.map((r) => r.slice(0, 5)))
  })
})
