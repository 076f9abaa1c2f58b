// 衔接资金 projects and the other ledgers (src/http/route_funds.c,
// route_ledgers.c): the project library, a project's record and its
// steps, the 支付进度 table, and the lists of the other ledgers.
import { get, post, withQuery } from './http'

export type Sources = Record<string, number>
export interface Project {
  code: string
  county: string
  name: string
  year: number
  area_code: string
  type: string
  industry: boolean
  status: string
  funds: Sources
  paid?: Sources
  allocated_up?: number
  paid_up?: number
  progress_bp?: number
}
export interface ProjectRecord extends Project {
  unit: string
  dept: string
  steps: { step: string; done_on: string }[]
  history: { step: string; date: string; status: string; actor: string; reason: string }[]
  payments: { paid_on: string; source: string; amount: number; voucher: string }[]
  beneficiaries: { hh_no: string; head: string; area_code: string; link_mode: string; persons: number }[]
  assets: { asset_no: string; name: string; kind: string; value: number; owner: string; handed_on: string }[]
}
export interface TownProgress {
  rank: number
  code: string
  name: string
  projects: number
  allocated_up: number
  paid_up: number
  progress_bp: number
}
export interface LedgerList {
  kind: string
  columns: string[]
  items: string[][]
  total: number
}

export const PROJECT_STEPS = ['村申报', '乡镇审核', '部门论证', '县审定', '开工', '完工', '验收', '退回', '不予立项']
export const LEDGER_KINDS: { kind: string; label: string }[] = [
  { kind: 'loans', label: '小额信贷' },
  { kind: 'applications', label: '救助申请' },
  { kind: 'relief', label: '救助发放' },
  { kind: 'problems', label: '问题整改' },
  { kind: 'training', label: '培训与公益性岗位' },
]

export const listProjects = (q: { year?: number; as_of?: string }) => get<{ items: Project[] }>('/api/projects', q)
/* The same project list as an xlsx download (the server writes it). */
export const projectsXlsxUrl = (q: { year?: number; as_of?: string }) => withQuery('/api/projects', { ...q, format: 'xlsx' })
export const getProject = (code: string) => get<ProjectRecord>(`/api/projects/${encodeURIComponent(code)}`)
export const projectStep = (code: string, body: { step: string; date?: string; reason?: string }) =>
  post<ProjectRecord>(`/api/projects/${encodeURIComponent(code)}/steps`, body)
export const townProgress = (q: { year?: number; as_of?: string }) => get<{ as_of: string; items: TownProgress[] }>('/api/funds/progress', q)
export const progressXlsxUrl = (q: { year?: number; as_of?: string; by?: string }) => withQuery('/api/funds/progress', { ...q, format: 'xlsx' })
export const listLedger = (kind: string) => get<LedgerList>(`/api/ledgers/${kind}`)
export const exportUrl = (kind: string) => withQuery(`/api/exports/${kind}`, { format: 'xlsx' })
export const closeProblem = (no: string) => post<{ problem_no: string; status: string; closed_on: string }>(`/api/problems/${encodeURIComponent(no)}/close`, {})

/** fen → 万元 text, as the reports write it */
export function fmtWan(fen: number | undefined): string {
  const v = (fen ?? 0) / 1000000
  return v.toFixed(2).replace(/\.?0+$/, '')
}
