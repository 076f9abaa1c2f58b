// Quality checks on every page (issue 15): each form field has a label
// (a <label for>, aria-label or aria-labelledby), and the keyboard focus is
// visible (Tab moves it to an element drawn with an outline).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, launch, login } from './lib.mjs'

const PAGES = ['/', '/households', `/households/${process.env.HH_EP}`, '/clues', '/review', '/help', '/visits', '/imports', '/report', '/settings', '/accounts']

test('labels on every field and a visible focus, on every page', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xian532399')
    for (const path of PAGES) {
      await page.goto(BASE + path)
      await page.waitForLoadState('networkidle')
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea')]
          .filter((e) => e.type !== 'hidden' && e.offsetParent !== null && !e.closest('[aria-hidden=true]'))
          .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
          .map((e) => e.outerHTML.slice(0, 120)),
      )
      assert.deepEqual(unlabelled, [], `${path}: fields without a label`)
      // Tab a few times: each focused element shows an outline or a focus ring
      await page.locator('body').click({ position: { x: 1, y: 1 } })
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press('Tab')
        const f = await page.evaluate(() => {
          const e = document.activeElement
          if (!e || e === document.body) return null
          const s = getComputedStyle(e)
          const w = e.closest('.el-input__wrapper, .el-select__wrapper')
          const ring = w ? getComputedStyle(w).boxShadow : 'none'
          return { tag: e.tagName, outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, ring: ring !== 'none' }
        })
        assert.ok(f, `${path}: Tab reaches an element`)
        assert.ok(f.outline || f.ring, `${path}: focus visible on ${f.tag}`)
      }
    }
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})
