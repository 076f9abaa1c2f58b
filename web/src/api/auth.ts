// POST /api/login, POST /api/logout, GET /api/me.
import { get, post } from './http'

export type Level = '村' | '乡' | '县'
export interface Me {
  username: string
  level: Level
  scope: string
  role: string
  csrf: string
}

export const login = (username: string, password: string) => post<Me>('/api/login', { username, password })
export const logout = () => post<unknown>('/api/logout')
export const me = (quiet = false) => get<Me>('/api/me', undefined, quiet)
