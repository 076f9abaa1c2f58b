// The dashboard's data (report and overdue list) for a year.  The router
// starts the fetch on each navigation to 首页 while the dashboard's code is
// still loading (or hands over the one the page load started, boot.ts), and
// the view takes it, once; a change of year fetches afresh.
import { defineStore } from 'pinia'
import { getDashboard, type DashboardData } from '@/api/report'
export { defaultYear } from '@/utils/year'

export const useDashboardStore = defineStore('dashboard', () => {
  let next: { year: number; data: Promise<DashboardData> } | null = null

  function start(year: number, early?: { year: number; data: Promise<DashboardData> } | null) {
    next = early && early.year === year ? early : { year, data: getDashboard(year) }
    next.data.catch(() => undefined) // (the view sees the error)
  }
  function take(year: number): Promise<DashboardData> {
    const n = next
    next = null
    return n && n.year === year ? n.data : getDashboard(year)
  }
  return { start, take }
})
