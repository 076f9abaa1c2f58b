// Shared pieces of the browser specs: playwright-core (from web/node_modules)
// driving Debian's chromium headless in a fresh profile, logging in through
// the UI, and screenshots at 1280 and 360 px into tests/browser/artifacts/.
// run.sh sets BASE (the server), the accounts' passwords and the test data.
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
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

/* Screenshots of the page as it is, at 1280 and at 360 px width. */
export async function shot(page, name) {
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
