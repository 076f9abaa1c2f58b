// 一户一策: GET/POST /api/households/{户编号}/measures, PATCH /api/measures/{id}
// (route_measures.c), and the rule checks of GET /api/check for a household.
import { get, patch, post, withQuery } from './http'

export interface Measure {
  id: number
  category: string
  detail: string
  status: string
  amount: number
  start_on: string
  end_on: string
  cadre: string
}
export interface MeasureNew {
  category: string
  detail?: string
  status: string
  amount?: string
  start_on?: string
  end_on?: string
  cadre?: string
}
export interface Finding {
  rule: string
  title: string
  hh_no: string
  area_code: string
  village: string
  head: string
  detail: string
}

export const MEASURE_CATEGORIES = ['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶', '健康帮扶', '义务教育保障', '其他教育帮扶', '综合保障', '住房安全保障', '饮水安全保障', '社会帮扶', '搬迁', '其他']

export const listMeasures = (hhNo: string) => get<{ hh_no: string; items: Measure[] }>(`/api/households/${encodeURIComponent(hhNo)}/measures`)
export const addMeasure = (hhNo: string, m: MeasureNew) => post<{ id: number }>(`/api/households/${encodeURIComponent(hhNo)}/measures`, m)
export const updateMeasure = (id: number, m: Partial<MeasureNew>) => patch<{ id: number }>(`/api/measures/${id}`, m)
/* The data-quality checks of an area (a village: the household's). */
export const getChecks = (area: string) =>
  get<{ area: string; households: number; rules: { id: string; title: string; count: number }[]; items: Finding[] }>('/api/check', { area })
/* The area's whole worklist (every rule) as an xlsx download, the CLI's columns. */
export const checksXlsxUrl = (area = '') => withQuery('/api/check', { area: area || undefined, format: 'xlsx' })
