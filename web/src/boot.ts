// The page load's first requests, started before the rest of the app's
// code is evaluated (main.ts imports this module first): the session check
// (GET /api/me) and, on 首页, the dashboard's data and its chart's code
// (ECharts: components/chart.ts; the view itself is in the entry chunk),
// side by side instead of one after the other.  (The code is not preloaded from
// index.html: measured, that slowed the entry's own download and the first
// load with it.)  Each is used at most once, by the first navigation
// (router/index.ts): a later navigation fetches afresh.  Quiet: nobody may
// be logged in yet, and the router decides what a 401 means.
import { me, type Me } from './api/auth'
import { getDashboard, type DashboardData } from './api/report'
import { defaultYear } from './utils/year'
import { loadBarChart } from './components/chart'

export interface Early {
  me: Promise<Me>
  dashboard: { year: number; data: Promise<DashboardData> } | null
}

function start(): Early | null {
  const path = location.pathname
  if (path === '/login') return null
  const e: Early = { me: me(true), dashboard: null }
  e.me.catch(() => undefined) // (whoever takes it sees the error)
  if (path === '/') {
    const year = defaultYear()
    e.dashboard = { year, data: getDashboard(year, true) }
    e.dashboard.data.catch(() => undefined)
    loadBarChart().catch(() => undefined)
  }
  return e
}

let early: Early | null = start()

/* The early requests, once (null afterwards or when none were started). */
export function takeEarly(): Early | null {
  const e = early
  early = null
  return e
}
