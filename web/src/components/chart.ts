// The chart's code (BarChart.vue with ECharts, the largest part of 首页's
// first load), loaded on its own so that the dashboard's figures need not
// wait for it: boot.ts starts it with the page load's first requests, the
// dashboard renders it when it has arrived.  The same promise for all
// (a failed load is tried again next time).
import type { Component } from 'vue'

let chart: Promise<Component> | null = null

export function loadBarChart(): Promise<Component> {
  if (!chart) {
    chart = import('./BarChart.vue').then((m) => m.default)
    chart.catch(() => {
      chart = null
    })
  }
  return chart
}
