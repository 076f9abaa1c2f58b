// GET/POST /api/clues: 风险线索.
import { get, post, withQuery } from './http'

export interface Clue {
  id: number
  hh_no: string
  area_code: string
  source: string
  reason: string
  found_on: string
  deadline: string
  state: string
  result: string
  closed_on: string
  case_id: number | null
  created_by: string
}
export interface ClueNew {
  hh_no: string
  source: string
  reason: string
  found_on?: string
}

export const listClues = (q: { area?: string; state?: string } = {}) => get<{ items: Clue[] }>('/api/clues', q)
/* The same list as an xlsx download (the server writes it, overdue deadlines red). */
export const cluesXlsxUrl = (q: { area?: string; state?: string } = {}) => withQuery('/api/clues', { ...q, format: 'xlsx' })
export const addClue = (c: ClueNew) => post<Clue>('/api/clues', c)

/* 部门预警 waiting for dispatch (GET /api/warnings), dispatching them as
 * clues of their villages with the policy's verification deadline or an
 * earlier one (POST /api/warnings/dispatch; the server refuses a day
 * before today or after the policy's), and the verification results sent back to a
 * department (GET /api/warnings/feedback, a download). */
export interface Warning {
  id: number
  department: string
  event: string
  period: string
  id_no: string
  name: string
  occurred_on: string
  amount: number
  hh_no: string
  area_code: string
  village: string
  /* the 核实期限 its clue gets if dispatched today (its village's policy):
   * the default, and the latest a dispatcher may choose */
  policy_deadline: string
}
export const listWarnings = (q: { area?: string } = {}) => get<{ items: Warning[] }>('/api/warnings', q)
export const dispatchWarnings = (b: { area?: string; date?: string; deadline?: string }) =>
  post<{ clues: number; below_threshold: number; failed: number }>('/api/warnings/dispatch', b)
/* The warnings waiting for dispatch as an xlsx download (the server writes
 * it: the same rows, 身份证号 masked, with the policy's 核实期限). */
export const warningsXlsxUrl = (q: { area?: string } = {}) => withQuery('/api/warnings', { ...q, format: 'xlsx' })
export const feedbackUrl = (department: string) => withQuery('/api/warnings/feedback', { department, format: 'xlsx' })
