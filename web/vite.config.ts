// Vite build of the Dixian web UI.  The output (dist/) is embedded into the
// dixian binary by the Makefile and served by src/http/route_static.c; the
// CSP there allows no inline script, which Vite's output respects
// (modulePreload polyfill off: it would be fine too, but is not needed by
// the browsers cadres use).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    target: 'es2020',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        // the chart component goes with ECharts: one request for the
        // dashboard's chart (components/chart.ts)
        manualChunks: {
          vue: ['vue', 'vue-router', 'pinia'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers', './src/components/BarChart.vue'],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
