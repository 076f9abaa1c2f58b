// Vite build of the Dixian web UI.  The output (dist/) is embedded into the
// dixian binary by the Makefile and served by src/http/route_static.c; the
// CSP there allows no inline script, which Vite's output respects
// (modulePreload polyfill off: it would be fine too, but is not needed by
// the browsers cadres use).
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

/* <link rel="modulepreload"> in index.html for 首页's code (the dashboard
 * view, its chart and ECharts, and what they import that the entry does
 * not): most page loads end on the dashboard (after logging in, too), and
 * so its code downloads and compiles beside the entry's instead of after
 * it has run.  A page load elsewhere fetches it too (about 170 KiB). */
function preloadDashboard(): Plugin {
  return {
    name: 'dixian-preload-dashboard',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return
        const chunks = Object.values(ctx.bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []))
        const byFile = new Map(chunks.map((c) => [c.fileName, c]))
        const entry = chunks.find((c) => c.isEntry)
        const dash = chunks.find((c) => c.facadeModuleId?.endsWith('/views/dashboard/DashboardView.vue'))
        if (!entry || !dash) throw new Error('preloadDashboard: no entry or dashboard chunk')
        const have = new Set([entry.fileName, ...entry.imports])
        const want: string[] = []
        const walk = (f: string) => {
          if (have.has(f)) return
          have.add(f)
          want.push(f)
          for (const i of byFile.get(f)?.imports ?? []) walk(i)
        }
        walk(dash.fileName)
        return want.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }))
      },
    },
  }
}

export default defineConfig({
  plugins: [vue(), preloadDashboard()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    target: 'es2020',
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    assetsInlineLimit: 0,
    rollupOptions: {
      output: {
        manualChunks: {
          vue: ['vue', 'vue-router', 'pinia'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
