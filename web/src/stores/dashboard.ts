// The dashboard's data (report and overdue list) for a year, fetched once
// and shared: the router starts the fetch while the dashboard's code is
// still loading, so the two overlap on a first visit.
import { defineStore } from 'pinia'
import { getOverdue, getReport, type Overdue, type Report } from '@/api/report'

export const defaultYear = () => new Date().getFullYear() - 1

export const useDashboardStore = defineStore('dashboard', () => {
  const pending = new Map<number, Promise<{ report: Report; overdue: Overdue[] }>>()

  function load(year: number, fresh = false) {
    let p = pending.get(year)
    if (!p || fresh) {
      p = Promise.all([getReport({ year }), getOverdue()]).then(([report, o]) => ({ report, overdue: o.items }))
      p.catch(() => pending.delete(year))
      pending.set(year, p)
    }
    return p
  }
  return { load }
})
