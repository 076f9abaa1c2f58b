// Element Plus, only the components the pages use, registered globally;
// Chinese through the config provider in App.vue.  In two parts, for the
// dashboard's first load: here, what the layout and 首页 need (in the entry
// chunk); in element-more.ts, the rest (tables, forms, dialogs...), loaded
// with any other page's code (router/index.ts) and before the dashboard's
// drill-down opens.  A component used by a page but registered in neither
// renders as an empty <el-...> tag, which the browser tests' screenshots
// refuse (tests/browser/lib.mjs).
import type { App } from 'vue'
import { ElAlert, ElButton, ElConfigProvider, ElDrawer, ElIcon, ElLoading, ElMenu, ElMenuItem, ElOption, ElSelect } from 'element-plus'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/menu/style/css'
import 'element-plus/es/components/menu-item/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/select/style/css'

const components = [ElAlert, ElButton, ElConfigProvider, ElDrawer, ElIcon, ElMenu, ElMenuItem, ElOption, ElSelect]

let theApp: App | null = null
let more: Promise<void> | null = null

export function useElement(app: App): void {
  theApp = app
  for (const c of components) app.use(c)
  app.use(ElLoading)
}

/* The rest of the components (element-more.ts), registered on the app once
 * loaded; a page that uses them awaits this before it renders.  Once per
 * page load; a failed load (the network) is tried again next time. */
export function loadElementMore(): Promise<void> {
  if (!more) {
    more = import('./element-more').then((m) => {
      if (theApp) m.register(theApp)
    })
    more.catch(() => {
      more = null
    })
  }
  return more
}
