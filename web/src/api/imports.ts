// POST /api/imports (a ledger upload as a background job), GET /api/jobs/{id}.
import { get, upload } from './http'

export interface Problem {
  row: number
  column: string
  error: boolean
  message: string
}
export interface Job {
  id: number
  kind: string
  state: 'running' | 'done' | 'failed'
  percent: number
  rows: number
  saved?: boolean
  errors_url?: string
  added?: number
  updated?: number
  unchanged?: number
  rejected?: number
  errors?: number
  warnings?: number
  problems?: Problem[]
}
export const startImport = (file: File, kind: string, keepValid: boolean) =>
  upload<{ id: number }>('/api/imports', file, { kind, keep_valid: keepValid ? 1 : 0 })
export const getJob = (id: number) => get<Job>(`/api/jobs/${id}`)
