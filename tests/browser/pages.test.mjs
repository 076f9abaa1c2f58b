// Every page of the UI opened from a typed URL (the server answers
// index.html for the UI's paths), at 1280 and 360 px, with screenshots;
// and the static files' headers: hashed assets cached for a year, gzip,
// unknown or crafted asset names 404.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { get } from 'node:http'
import { BASE, launch, login, shot } from './lib.mjs'

/* The status of GET path sent as is (fetch would normalise %2e%2e). */
const rawStatus = (path) =>
  new Promise((resolve, reject) => {
    const u = new URL(BASE)
    get({ host: u.hostname, port: u.port, path }, (res) => {
      res.resume()
      resolve(res.statusCode)
    }).on('error', reject)
  })

const PAGES = [
  ['/', 'home', '[data-test=dashboard]'],
  ['/households', 'households-all', '[data-test=hh-table]'],
  ['/clues', 'clues', '[data-test=clue-table]'],
  ['/review', 'review', '[data-test=review-table]'],
  ['/help', 'help', '[data-test=help-table]'],
  ['/visits', 'visits', '[data-test=visit-submit]'],
  ['/imports', 'imports', '[data-test=imp-submit]'],
  ['/report', 'report-township', '[data-test=report]'],
  ['/settings', 'settings', '[data-test=policy-table]'],
  ['/accounts', 'accounts', '[data-test=acc-table]'],
  ['/projects', 'projects', '[data-test=progress-chart]'],
  ['/ledgers', 'ledgers', '[data-test=ledger-export]'],
]

test('every page from a typed URL, desktop and phone', async () => {
  const b = await launch()
  try {
    const { page } = b
    await login(page, 'xiang532399101')
    for (const [path, name, sel] of PAGES) {
      const res = await page.goto(BASE + path)
      assert.equal(res.status(), 200, path)
      await page.locator(sel).first().waitFor()
      await page.waitForLoadState('networkidle')
      await shot(page, `page-${name}`)
      await page.setViewportSize({ width: 360, height: 740 })
      const wide = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(wide <= 362, `${path}: no sideways scroll at 360 px (${wide})`)
      await page.setViewportSize({ width: 1280, height: 800 })
    }
    assert.deepEqual(b.problems, [])
  } finally {
    await b.close()
  }
})

test('static files: cache headers, gzip, no way out of the table', async () => {
  const html = await fetch(BASE + '/').then((r) => r.text())
  const js = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)[1]
  const r = await fetch(BASE + js, { headers: { 'Accept-Encoding': 'gzip' } })
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /^text\/javascript/)
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  assert.equal(r.headers.get('content-encoding'), 'gzip')
  const idx = await fetch(BASE + '/households/123', { headers: { 'Accept-Encoding': 'identity' } })
  assert.equal(idx.headers.get('cache-control'), 'no-cache')
  assert.equal(idx.headers.get('content-encoding'), null)
  assert.equal(await idx.text(), html)
  for (const bad of ['/assets/nope.js', '/assets/..%2Findex.html', '/assets/.hidden', '/assets/%2e%2e', '/assets/../index.html', '/index.html/x'])
    assert.equal(await rawStatus(bad), 404, bad)
})
