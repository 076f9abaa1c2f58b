// POST /api/visits: log a 走访 (src/http/route_visits.c); the households
// due a visit (GET /api/visits/overdue), also as an xlsx download.
import { get, post, withQuery } from './http'

export interface VisitNew {
  hh_no: string
  date?: string
  content: string
  findings?: string
}
export const addVisit = (v: VisitNew) => post<{ id: number; hh_no: string; date: string; cadre: string }>('/api/visits', v)

/* GET /api/visits/overdue: monitored households visited less often in the
 * week to as_of than the policy asks. */
export interface VisitDue {
  hh_no: string
  area_code: string
  village: string
  head: string
  eliminated: boolean
  visits: number
  required: number
  last_visit: string
  cadre: string
}
export const visitsOverdue = (q: { area?: string } = {}) =>
  get<{ as_of: string; monitored: number; items: VisitDue[] }>('/api/visits/overdue', q)
export const visitsOverdueXlsxUrl = (q: { area?: string } = {}) => withQuery('/api/visits/overdue', { ...q, format: 'xlsx' })
