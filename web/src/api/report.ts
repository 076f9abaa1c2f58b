// GET /api/report and GET /api/overdue.
import { get } from './http'

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

export const getReport = (q: { year: number; area?: string; as_of?: string }) => get<Report>('/api/report', q)
export const getOverdue = (q: { area?: string } = {}) => get<{ items: Overdue[] }>('/api/overdue', q)
