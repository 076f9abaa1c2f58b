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
/* GET /api/households/{户编号} answers the whole household record (户档案), the
 * same JSON as `dixian household show --format json`; the page shows its
 * household facts and current members. */
interface RecordJson {
  household: Omit<Household, 'member_count' | 'tuopin_year'> & { members: number; tuopin_year: number }
  members: (Member & { current: boolean })[]
}
export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

export const listHouseholds = (q: { q?: string; area?: string; page?: number }) =>
  get<Page<Household>>('/api/households', q)
export const getHousehold = async (hhNo: string): Promise<HouseholdRecord> => {
  const r = await get<RecordJson>(`/api/households/${encodeURIComponent(hhNo)}`)
  const { members, tuopin_year, ...h } = r.household
  return {
    ...h,
    tuopin_year: tuopin_year || null,
    member_count: members,
    members: r.members.filter((m) => m.current),
  }
}
