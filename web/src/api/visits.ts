// POST /api/visits: log a 走访 (src/http/route_visits.c).
import { post } from './http'

export interface VisitNew {
  hh_no: string
  date?: string
  content: string
  findings?: string
}
export const addVisit = (v: VisitNew) => post<{ id: number; hh_no: string; date: string; cadre: string }>('/api/visits', v)
