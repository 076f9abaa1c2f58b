// Journey: a county uploads a ledger with errors: the job runs in the
// background, nothing is saved, the problems are listed by Excel row, and
// the annotated workbook downloads.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTIFACTS, launch, login, shot } from './lib.mjs'

test('import with errors: the error table and the annotated sheet', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532326')
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '导入', exact: true }).first().click()
    await page.getByLabel('台账文件（xlsx 或 csv）').setInputFiles(join(process.env.DATA, 'persons_dirty.csv'))
    await page.locator('[data-test=imp-submit]').click()
    const result = page.locator('[data-test=imp-result]')
    await result.filter({ hasText: '未保存' }).waitFor()
    const rows = await page.locator('[data-test=imp-problems] tbody tr td:first-child').allInnerTexts()
    assert.ok(rows.length > 0, 'problems listed')
    for (const r of rows) assert.match(r.trim(), /^\d+$/, 'an Excel row number')
    await shot(page, 'import-errors')
    const [dl] = await Promise.all([page.waitForEvent('download'), result.getByRole('link', { name: /下载标出错误的台账/ }).click()])
    const file = join(ARTIFACTS, 'import-errors.xlsx')
    await dl.saveAs(file)
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
