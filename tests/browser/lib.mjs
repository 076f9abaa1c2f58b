// Shared pieces of the browser specs: playwright-core (from web/node_modules)
// driving Debian's chromium headless in a fresh profile, logging in through
// the UI, and screenshots at 1280 and 360 px into tests/browser/artifacts/.
// run.sh sets BASE (the server), the accounts' passwords and the test data.
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '../../web/package.json'))
const { chromium } = require('playwright-core')

export const BASE = process.env.BASE
export const ARTIFACTS = join(here, 'artifacts')
mkdirSync(ARTIFACTS, { recursive: true })

export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync']

/* A browser in a fresh user-data-dir (removed by close()); its pages
 * collect CSP violations and page errors in `problems`. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'dixian-chromium-'))
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  })
  const problems = []
  const watch = (page) => {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(String(e)))
  }
  ctx.pages().forEach(watch)
  ctx.on('page', watch)
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  return {
    ctx,
    page,
    problems,
    async close() {
      await ctx.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export function password(account) {
  return `pw-${account.replace(/^(cun|xiang|xian|kan)/, '')}-secret`
}

/* Log in through the login page and wait for the dashboard's header. */
export async function login(page, account) {
  await page.goto(BASE + '/login')
  await page.getByLabel('账号').fill(account)
  await page.getByLabel('密码').fill(password(account))
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator('[data-test=who]').filter({ hasText: account }).waitFor()
}

/* Screenshots of the page as it is, at 1280 and at 360 px width; first,
 * no element left unrendered: an <el-...> tag in the DOM is an Element
 * Plus component the app does not register (plugins/element.ts), which
 * Vue's production build leaves as an empty unknown element. */
export async function shot(page, name) {
  const unknown = await page.evaluate(() => [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('el-')))])
  if (unknown.length) throw new Error(`${name}: components not registered: ${unknown.join(', ')}`)
  const vp = page.viewportSize()
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.waitForTimeout(150)
  await page.screenshot({ path: join(ARTIFACTS, `${name}-1280.png`), fullPage: true })
  await page.setViewportSize({ width: 360, height: 740 })
  await page.waitForTimeout(150)
  await page.screenshot({ path: join(ARTIFACTS, `${name}-360.png`), fullPage: true })
  if (vp) await page.setViewportSize(vp)
}

/* YYYY-MM-DD, n days before today. */
export function daysAgo(n) {
  const d = new Date(Date.now() - n * 86400000)
  const p = (x) => String(x).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/* The first sheet of an xlsx file as arrays of cell texts (python3's
 * zipfile and XML parser, as tests/http reads them); throws unless the file
 * is a zip with that sheet. */
export function xlsxRows(path) {
  const py = `
import json, re, sys, zipfile, xml.etree.ElementTree as ET
ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
z = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si"):
        shared.append("".join(t.text or "" for t in si.iter(ns + "t")))
rows = []
for r in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(ns + "row"):
    cells = {}
    for c in r.iter(ns + "c"):
        col = 0
        for ch in re.match(r"[A-Z]+", c.get("r")).group(0):
            col = col * 26 + ord(ch) - 64
        t = c.get("t")
        if t == "inlineStr":
            v = "".join(x.text or "" for x in c.iter(ns + "t"))
        elif t == "s":
            v = shared[int(c.find(ns + "v").text)]
        else:
            v = c.find(ns + "v").text if c.find(ns + "v") is not None else ""
        cells[col - 1] = v
    rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
print(json.dumps(rows, ensure_ascii=False))
`
  return JSON.parse(execFileSync('python3', ['-c', py, path]).toString())
}

/* Click the download link sel and return the file's rows (xlsxRows),
 * checking the name the server gives it and that it is a zip. */
export async function downloadXlsx(page, sel, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(sel).click()])
  if (dl.suggestedFilename() !== name) throw new Error(`${sel}: ${dl.suggestedFilename()} is not ${name}`)
  const file = await dl.path()
  if (readFileSync(file).subarray(0, 2).toString() !== 'PK') throw new Error(`${sel}: not a zip`)
  return xlsxRows(file)
}

/* The text of each cell of each body row of the Element Plus table sel. */
export async function tableRows(page, sel) {
  await page.locator(sel).waitFor()
  // a page that loads on mount shows its table empty (or its first list)
  // until the answers are in: read the rows once no loading mask is left
  // (counted from here: the pages' CSP forbids the eval waitForFunction uses)
  for (let i = 0; await page.locator('.el-loading-mask').count(); i++) {
    if (i >= 200) throw new Error(`${sel}: still loading after 10 s`)
    await page.waitForTimeout(50)
  }
  return page.locator(`${sel} .el-table__body tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
}

/* 2024-06-30 as the pages write it: 2024年6月30日 (utils/format.ts). */
export function cnDate(iso) {
  if (!iso) return '—'
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/* Which build of the server the tests run against: run.sh starts
 * ../../dixian, which `make test SANITIZE=1` (CI) makes the ASan + UBSan
 * build; timings of the two differ by a factor. */
export function serverBuild() {
  const bin = readFileSync(join(here, '../../dixian'))
  return bin.includes('AddressSanitizer') ? 'ASan+UBSan build (make test SANITIZE=1)' : 'optimised build'
}

/* The dashboard's first load in a browser c from launch(), logged in as
 * the demo county's account first (through the API: the profile is fresh,
 * so the cache is cold): navigation timing from navigation start to the
 * frame that shows the figures painted (`figures`, the mark
 * dixian-dashboard-figures) and to the frame that shows the figures and the
 * bar chart painted (`ready`, dixian-dashboard-ready; the first load's
 * end), the main thread's CPU time until then (on a loaded machine the
 * wall-clock figures measure the other processes as much as the page), the
 * requests and bytes.  beforePaint: for builds before 2026-12-05, which
 * marked the end before the frame was painted (coldload.mjs); base: the
 * server (BASE by default). */
export async function firstLoad(c, { base = BASE, beforePaint = false } = {}) {
  const r = await c.ctx.request.post(base + '/api/login', { data: { username: 'xian532399', password: password('xian532399') } })
  if (r.status() !== 200) throw new Error(`login ${r.status()}`)
  if (beforePaint) await c.page.addInitScript(() => {
    const mark = performance.mark.bind(performance)
    performance.mark = (name, o) => {
      if (name === 'dixian-dashboard-ready') requestAnimationFrame(() => setTimeout(() => mark('dixian-painted')))
      return mark(name, o)
    }
  })
  const end = beforePaint ? 'dixian-painted' : 'dixian-dashboard-ready'
  const cdp = await c.ctx.newCDPSession(c.page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  await c.page.goto(base + '/', { waitUntil: 'load' })
  // (polled with evaluate: waitForFunction evaluates a string, which the CSP forbids)
  for (let i = 0; i < 400; i++) {
    if (await c.page.evaluate((k) => performance.getEntriesByName(k).length > 0, end)) break
    await c.page.waitForTimeout(25)
  }
  const { metrics } = await cdp.send('Performance.getMetrics')
  const cpu = Math.round(1000 * (metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0))
  const m = await c.page.evaluate((k) => {
    const nav = performance.getEntriesByType('navigation')[0]
    const ready = performance.getEntriesByName(k)[0]
    const figures = performance.getEntriesByName('dixian-dashboard-figures')[0] ?? ready
    const res = performance.getEntriesByType('resource')
    return {
      load: Math.round(nav.loadEventEnd),
      figures: Math.round(figures.startTime),
      ready: Math.round(ready.startTime),
      bytes: res.reduce((s, e) => s + (e.transferSize || 0), nav.transferSize || 0),
      requests: res.length + 1,
      waterfall: [nav, ...res].filter((e) => e.startTime < ready.startTime + 1).map((e) => `${String(Math.round(e.startTime)).padStart(5)} ${String(Math.round(e.responseEnd)).padStart(5)} ${String(Math.round((e.transferSize || 0) / 1024)).padStart(4)}K ${e.name.replace(/^https?:\/\/[^/]+/, '')}`),
    }
  }, end)
  return { ...m, cpu }
}
