// Chinese formats: dates as 2024年6月30日, money (integer fen) as 元/万元,
// growth in basis points as a percentage.
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/* 12,345.60元 (万元 from 10万): integer fen grouped by hand, not through
 * toLocaleString, whose first call loads the locale data (tens of ms on the
 * dashboard's first load). */
export function fmtYuan(fen: number): string {
  const yuan = fen / 100
  if (Math.abs(yuan) >= 100000) return `${(yuan / 10000).toFixed(2)}万元`
  const f = Math.round(Math.abs(fen))
  const int = String(Math.floor(f / 100)).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${fen < 0 ? '-' : ''}${int}.${String(f % 100).padStart(2, '0')}元`
}

export function fmtPercentBp(bp: number): string {
  return `${(bp / 100).toFixed(2)}%`
}

/* Today in the browser's time zone as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date()
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/* 1 if the deadline (YYYY-MM-DD) is before today. */
export function isOverdue(deadline: string): boolean {
  return !!deadline && deadline < todayIso()
}
