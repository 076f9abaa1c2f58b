// GET /api/report and GET /api/overdue.
import { get, withQuery } from './http'

export interface Figure {
  key: string
  label: string
  households: number
  persons: number
  filter: Record<string, unknown>
}
export interface Income {
  households: number
  persons: number
  per_capita_fen: number
  per_capita: string
  growth_bp: number
}
export interface AreaBlock {
  figures: Figure[]
  income_tuopin: Income
  income_monitored: Income
  measures: { total: number; implemented: number }
  employment: Record<string, number>
  visits: { due_households: number; compliant_households: number }
}
export interface ReportRow extends AreaBlock {
  area: string
  name: string
}
export interface Report {
  area: string
  name: string
  year: number
  as_of: string
  label: string
  text: string
  total: AreaBlock
  procedure: Record<string, number>
  rows: ReportRow[]
}
export interface Overdue {
  what: string
  id: number
  hh_no: string
  area_code: string
  kind: string
  pending: string
  level: string
  deadline: string
  days_over: number
  green: boolean
}

export const getReport = (q: { year: number; area?: string; as_of?: string }, quiet = false) => get<Report>('/api/report', q, quiet)
export const getOverdue = (q: { area?: string } = {}, quiet = false) => get<{ items: Overdue[] }>('/api/overdue', q, quiet)

/* What the dashboard shows first: the report of the account's area for a
 * year and the overdue list, fetched side by side. */
export interface DashboardData {
  report: Report
  overdue: Overdue[]
}
export const getDashboard = (year: number, quiet = false): Promise<DashboardData> =>
  Promise.all([getReport({ year }, quiet), getOverdue({}, quiet)]).then(([report, o]) => ({ report, overdue: o.items }))
/* The same list as an xlsx download (the server writes it, the CLI's columns). */
export const overdueXlsxUrl = (q: { area?: string } = {}) => withQuery('/api/overdue', { ...q, format: 'xlsx' })

/* The households behind one figure (GET /api/report/list): the drill-down
 * every number and chart segment opens. */
export interface ListItem {
  hh_no: string
  head: string
  area_code: string
  township: string
  village: string
  persons: number
}
export interface ListQuery {
  key: string
  year: number
  area?: string
  as_of?: string
}
/* The households behind one point of the trend (GET /api/report/trend/list):
 * the month's newly identified or eliminated, counted as the point is. */
export interface TrendListQuery {
  key: 'identified' | 'eliminated'
  month: number
  year: number
  area?: string
  as_of?: string
}
/* What a drill-down dialog opens: a figure, or a month of the trend. */
export type DrillQuery = ListQuery | TrendListQuery
const drillPath = (q: DrillQuery) => ('month' in q ? '/api/report/trend/list' : '/api/report/list')
export const getList = (q: DrillQuery) =>
  get<{ key: string; area: string; year: number; month?: number; total: number; items: ListItem[] }>(drillPath(q), { ...q })
export const listXlsxUrl = (q: DrillQuery) => withQuery(drillPath(q), { ...q, format: 'xlsx' })

/* GET /api/report/trend: households identified and eliminated by month. */
export interface TrendMonth {
  month: number
  identified: number
  identified_persons: number
  eliminated: number
  eliminated_persons: number
}
export const getTrend = (q: { year: number; area?: string }) =>
  get<{ area: string; year: number; months: TrendMonth[] }>('/api/report/trend', q)
