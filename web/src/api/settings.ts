// 设置: GET/PUT /api/policy (parameters in force, set one, what-if preview)
// and the accounts: GET/POST /api/accounts, POST /api/accounts/{name}/
// password and /disable.
import { get, post, put, withQuery } from './http'

export interface PolicyParam {
  key: string
  name: string
  type: string
  value: string
  description: string
  source: { area: string; year: number; effective_from: string; set_by: string } | null
}
export interface Policy {
  area: string
  year: number
  date: string
  monitoring_line_in_force: number
  params: PolicyParam[]
}
export interface WhatIfItem {
  hh_no: string
  area_code: string
  village: string
  head: string
  kind: string
  net_per_capita: number
  category: string
  what_if_category: string
  change: string
  reasons: string
}
export interface WhatIf {
  area: string
  year: number
  summary: {
    households: number
    unstable: number
    edge: number
    sudden: number
    what_if: { unstable: number; edge: number; sudden: number; in: number; out: number; changed: number }
  }
  items: WhatIfItem[]
}
export interface Account {
  name: string
  display_name: string
  level: string
  scope: string
  role: string
  disabled: boolean
}

export const getPolicy = (q: { year: number; area?: string }) => get<Policy>('/api/policy', q)
export const previewPolicy = (b: { year: number; area?: string; key: string; value: string }) =>
  put<WhatIf>('/api/policy', { ...b, preview: true })
export const setPolicy = (b: { year: number; area?: string; key: string; value: string; from?: string }) =>
  put<{ area: string; year: number; key: string; value: string }>('/api/policy', b)

export const listAccounts = (area?: string) => get<{ items: Account[] }>('/api/accounts', { area })
/* The same accounts as an xlsx download (the server writes it). */
export const accountsXlsxUrl = (area?: string) => withQuery('/api/accounts', { area, format: 'xlsx' })
export const addAccount = (a: { name: string; level: string; scope: string; role: string }) => post<Account>('/api/accounts', a)
export const setPassword = (name: string, password: string) =>
  post<Account>(`/api/accounts/${encodeURIComponent(name)}/password`, { password })
export const disableAccount = (name: string) => post<Account>(`/api/accounts/${encodeURIComponent(name)}/disable`, {})
