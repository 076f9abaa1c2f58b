// Element Plus, loaded with the code of a page that uses it.  The first
// load of 首页 uses none of it: the layout (menu, header) and the
// dashboard's figures, tables and year are plain HTML (lighter to load,
// evaluate and lay out: the entry chunk and its CSS carried Element Plus's
// button, menu, select, drawer and loading before), and Element Plus comes
// with any other page's code (router/index.ts), before the dashboard's
// drill-down opens and before the phone menu's drawer opens.  A component
// used by a page but registered nowhere renders as an empty <el-...> tag,
// which the browser tests' screenshots refuse (tests/browser/lib.mjs).
import type { App } from 'vue'

let theApp: App | null = null
let more: Promise<void> | null = null

/* The app the components are registered on once loaded (main.ts). */
export function useElement(app: App): void {
  theApp = app
}

/* Element Plus's components (element-more.ts), registered on the app once
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
