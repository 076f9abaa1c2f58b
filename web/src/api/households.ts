// GET /api/households (paged, masked) and GET /api/households/{户编号}.
import { get, withQuery } from './http'

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
/* Every member the household ever had, with how they joined and left (户成员变动). */
export interface MemberChange extends Member {
  id: number
  current: boolean
  joined_on: string
  left_on: string
  left_reason: string
  moved_to: string
}
/* One year's income (money in integer fen; *_yuan the same as text). */
export interface IncomeYear {
  year: number
  wage: number
  business: number
  property: number
  transfer: number
  business_cost: number
  claims: number
  oop: number
  net: number
  tested: number
  members_counted: number
  net_per_capita?: number
  tested_per_capita?: number
  monitoring_line: number
  below_line: boolean
}
/* A monitoring episode: identified on, eliminated on, ended on. */
export interface Episode {
  id: number
  category: string
  risks: string
  identified_on: string
  eliminated_on: string
  elim_kind: string
  ended_on: string
  end_reason: string
  reflag: boolean
}
export interface RecordCase {
  id: number
  kind: string
  state: string
  opened_on: string
  deadline: string
  closed_on: string
  category: string
  risks: string
  steps: { step: string; result: string; done_on: string; actor: string; actor_level: string; note: string }[]
}
export interface RecordMeasure {
  id: number
  category: string
  detail: string
  status: string
  amount?: number
  start_on: string
  end_on: string
  cadre: string
}
export interface RecordVisit {
  id: number
  visited_on: string
  cadre: string
  content: string
  findings: string
}
export interface RecordWarning {
  id: number
  department: string
  event: string
  period: string
  occurred_on: string
  name: string
  clue_id: number
  result: string
}
export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  key: string
  before: unknown
  after: unknown
}
export interface HouseholdRecord extends Household {
  county: string
  township: string
  village: string
  members: Member[]
  history: MemberChange[]
  incomes: IncomeYear[]
  episodes: Episode[]
  cases: RecordCase[]
  measures: RecordMeasure[]
  visits: RecordVisit[]
  warnings: RecordWarning[]
  audit: AuditEntry[]
}
/* GET /api/households/{户编号} answers the whole household record (户档案), the
 * same JSON as `dixian household show --format json`. */
interface RecordJson {
  household: Omit<Household, 'member_count' | 'tuopin_year'> & {
    members: number
    tuopin_year: number
    county: string
    township: string
    village: string
  }
  members: MemberChange[]
  incomes: IncomeYear[]
  episodes: Episode[]
  cases: RecordCase[]
  measures: RecordMeasure[]
  visits: RecordVisit[]
  warnings: RecordWarning[]
  audit: AuditEntry[]
}
export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

export const listHouseholds = (q: { q?: string; area?: string; page?: number }) =>
  get<Page<Household>>('/api/households', q)
/* The whole search result (every page) as an xlsx download, masked as the list. */
export const householdsXlsxUrl = (q: { q?: string; area?: string }) =>
  withQuery('/api/households', { ...q, format: 'xlsx' })
export const getHousehold = async (hhNo: string): Promise<HouseholdRecord> => {
  const r = await get<RecordJson>(`/api/households/${encodeURIComponent(hhNo)}`)
  const { members, tuopin_year, ...h } = r.household
  return {
    ...h,
    tuopin_year: tuopin_year || null,
    member_count: members,
    members: r.members.filter((m) => m.current),
    history: r.members.filter((m) => !m.current || m.joined_on),
    incomes: [...r.incomes].sort((a, b) => b.year - a.year),
    episodes: r.episodes,
    cases: r.cases,
    measures: r.measures,
    visits: r.visits,
    warnings: r.warnings,
    audit: r.audit,
  }
}
