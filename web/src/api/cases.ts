// GET/POST /api/cases, GET /api/cases/{id}, POST /api/cases/{id}/steps.
import { get, post, withQuery } from './http'

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

export type Level = '村' | '乡' | '县'

/* The levels that may do each step (src/policy/casefsm.c: 村 verifies,
 * evaluates and publishes; 信息比对 by 村 or 乡, beside the main chain
 * once 入户核实 is done; 乡 reviews; 县 decides and announces). */
export const STEP_LEVELS: Record<string, Level[]> = {
  入户核实: ['村'],
  信息比对: ['村', '乡'],
  村级民主评议: ['村'],
  公示: ['村'],
  乡镇审核: ['乡'],
  县级审定: ['县'],
  公告: ['县'],
}

/* An account's level as one of 村/乡/县 (the server says 乡镇 too). */
export function normLevel(level: string | undefined): Level | '' {
  if (!level) return ''
  if (level.startsWith('村')) return '村'
  if (level.startsWith('乡') || level.startsWith('镇')) return '乡'
  if (level.startsWith('县')) return '县'
  return ''
}

/* The steps a case in progress waits for: the next step of the main
 * chain, and 信息比对 while it is open. */
export function openSteps(c: CaseDetail): string[] {
  if (c.state !== '办理中') return []
  const done = new Set(c.steps.filter((s) => s.result === '通过').map((s) => s.step))
  const out: string[] = []
  if (done.has('入户核实') && !done.has('信息比对')) out.push('信息比对')
  if (c.next_step && !out.includes(c.next_step)) out.push(c.next_step)
  return out
}

/* The open steps an account of `level` may do. */
export function stepsFor(c: CaseDetail, level: string | undefined): string[] {
  const l = normLevel(level)
  return openSteps(c).filter((s) => !!l && (STEP_LEVELS[s] ?? []).includes(l))
}

export const listCases = (q: { area?: string; state?: string } = {}) => get<{ items: Case[] }>('/api/cases', q)
/* The same list as an xlsx download (the server writes it). */
export const casesXlsxUrl = (q: { area?: string; state?: string } = {}) => withQuery('/api/cases', { ...q, format: 'xlsx' })
export const getCase = (id: number) => get<CaseDetail>(`/api/cases/${id}`)
export const openCase = (c: CaseNew) => post<{ id: number }>('/api/cases', c)
export const caseStep = (id: number, s: StepReq) => post<CaseDetail>(`/api/cases/${id}/steps`, s)

/* POST /api/cases/approve: 批量审核 (township and county), one result per case. */
export interface BulkResult {
  id: number
  ok: boolean
  step: string
  state: string
  code?: string
  message?: string
}
export const approveMany = (ids: number[], date?: string) =>
  post<{ date: string; passed: number; refused: number; items: BulkResult[] }>('/api/cases/approve', { ids, date })
