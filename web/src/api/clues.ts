// GET/POST /api/clues: 风险线索.
import { get, post } from './http'

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
export const addClue = (c: ClueNew) => post<Clue>('/api/clues', c)
