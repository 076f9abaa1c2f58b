// GET/POST /api/cases, GET /api/cases/{id}, POST /api/cases/{id}/steps.
import { get, post } from './http'

export interface Case {
  id: number
  hh_no: string
  area_code: string
  kind: string
  state: string
  opened_on: string
  deadline: string
  closed_on: string
  reason: string
  category: string
  risks: string
  elim_kind: string
  green: boolean
  opened_by: string
  flag: string
}
export interface CaseStep {
  step: string
  result: string
  actor: string
  actor_level: string
  done_on: string
  note: string
}
export interface CaseDetail extends Case {
  next_step: string
  notice_ends: string
  steps: CaseStep[]
}
export interface CaseNew {
  kind: '识别' | '风险消除'
  hh_no?: string
  clue_id?: number
  category?: string
  risks?: string
  elim_kind?: string
  date?: string
}
export interface StepReq {
  step?: string
  action: '通过' | '不通过' | '撤销'
  note?: string
  date?: string
}

/* The level that does each step (domain.md: 村 verifies, evaluates and
 * publishes; 乡 compares and reviews; 县 decides and announces). */
export const STEP_LEVEL: Record<string, '村' | '乡' | '县'> = {
  入户核实: '村',
  信息比对: '乡',
  村级民主评议: '村',
  公示: '村',
  乡镇审核: '乡',
  县级审定: '县',
  公告: '县',
}

export const listCases = (q: { area?: string; state?: string } = {}) => get<{ items: Case[] }>('/api/cases', q)
export const getCase = (id: number) => get<CaseDetail>(`/api/cases/${id}`)
export const openCase = (c: CaseNew) => post<{ id: number }>('/api/cases', c)
export const caseStep = (id: number, s: StepReq) => post<CaseDetail>(`/api/cases/${id}/steps`, s)
