// The year the dashboard and the report open on: last year, the one whose
// incomes are complete.
export const defaultYear = (): number => new Date().getFullYear() - 1
