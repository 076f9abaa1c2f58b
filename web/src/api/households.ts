// GET /api/households (paged, masked) and GET /api/households/{户编号}.
import { get } from './http'

export interface Household {
  hh_no: string
  area_code: string
  group: string
  kind: string
  tuopin_year: number | null
  head: string
  member_count: number
  phone: string
}
export interface Member {
  name: string
  relation: string
  id_no: string
  sex: string
  birth: string
  health: string
  labour: string
  school: string
  phone: string
  counted: boolean
  dibao: boolean
  tekun: boolean
}
export interface HouseholdRecord extends Household {
  members: Member[]
}
export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

export const listHouseholds = (q: { q?: string; area?: string; page?: number }) =>
  get<Page<Household>>('/api/households', q)
export const getHousehold = (hhNo: string) => get<HouseholdRecord>(`/api/households/${encodeURIComponent(hhNo)}`)
