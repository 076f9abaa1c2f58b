// Client-side routes.  Every path here must also be in the server's routes
// table (src/http/routes.c, served by route_static.c) so that a reload or a
// typed URL gets index.html; tests/browser/routes.test.mjs checks this.
import { createRouter, createWebHistory } from 'vue-router'
import { useUserStore } from '@/stores/user'
import { defaultYear, useDashboardStore } from '@/stores/dashboard'
import { loadElementMore } from '@/plugins/element'
import { takeEarly } from '@/boot'
import { loadBarChart } from '@/components/chart'
import AdminLayout from '@/layout/AdminLayout.vue'
/* 首页 is in the entry chunk: most page loads land there, and its code is
 * small (its chart with ECharts is apart: components/chart.ts). */
import DashboardView from '@/views/dashboard/DashboardView.vue'

/* A page that needs the Element Plus components the dashboard does not
 * (plugins/element.ts): they load beside the page's own code. */
const more = <T>(load: () => Promise<T>) => () => Promise.all([loadElementMore(), load()]).then(([, m]) => m)

export const routes = [
  { path: '/login', name: 'login', component: more(() => import('@/views/login/LoginView.vue')), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: AdminLayout,
    children: [
      { path: '', name: 'dashboard', component: DashboardView, meta: { title: '首页' } },
      { path: 'households', name: 'households', component: more(() => import('@/views/household/HouseholdList.vue')), meta: { title: '农户' } },
      { path: 'households/:hhNo', name: 'household', component: more(() => import('@/views/household/HouseholdDetail.vue')), meta: { title: '农户档案' }, props: true },
      { path: 'clues', name: 'clues', component: more(() => import('@/views/clue/ClueInbox.vue')), meta: { title: '线索与预警' } },
      { path: 'review', name: 'review', component: more(() => import('@/views/case/ReviewQueue.vue')), meta: { title: '审核' } },
      { path: 'cases/:id', name: 'case', component: more(() => import('@/views/case/CaseDetail.vue')), meta: { title: '案件' }, props: true },
      { path: 'help', name: 'help', component: more(() => import('@/views/help/HelpPlan.vue')), meta: { title: '帮扶' } },
      { path: 'visits', name: 'visits', component: more(() => import('@/views/visit/VisitLog.vue')), meta: { title: '走访' } },
      { path: 'imports', name: 'imports', component: more(() => import('@/views/import/ImportView.vue')), meta: { title: '导入' } },
      { path: 'projects', name: 'projects', component: more(() => import('@/views/funds/ProjectList.vue')), meta: { title: '项目库' } },
      { path: 'projects/:code', name: 'project', component: more(() => import('@/views/funds/ProjectDetail.vue')), meta: { title: '项目档案' }, props: true },
      { path: 'ledgers', name: 'ledgers', component: more(() => import('@/views/funds/LedgerList.vue')), meta: { title: '其他台账' } },
      { path: 'report', name: 'report', component: more(() => import('@/views/report/ReportView.vue')), meta: { title: '报告' } },
      { path: 'settings', name: 'settings', component: more(() => import('@/views/settings/PolicySettings.vue')), meta: { title: '设置' } },
      { path: 'accounts', name: 'accounts', component: more(() => import('@/views/settings/AccountsView.vue')), meta: { title: '账号' } },
    ],
  },
  { path: '/:rest(.*)*', name: 'notfound', component: more(() => import('@/views/error/NotFound.vue')), meta: { title: '页面不存在', public: true } },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const early = takeEarly()
  const user = useUserStore()
  // the dashboard's chart's code loads during the session check, not after it
  if (to.name === 'dashboard') loadBarChart().catch(() => undefined)
  await user.load(early?.me)
  if (!to.meta.public && !user.me) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (to.name === 'login' && user.me) return { name: 'dashboard' }
  // start the dashboard's data while its code loads (the view takes it)
  if (to.name === 'dashboard') useDashboardStore().start(defaultYear(), early?.dashboard)
  return true
})

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 底线`
})
