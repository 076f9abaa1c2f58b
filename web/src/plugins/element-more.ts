// The Element Plus components the pages use (see element.ts), in Chinese:
// registered on the app by loadElementMore() before a page that uses them
// renders.  The locale is provided on the app (what <el-config-provider>
// around the router's view did): components created later see it, and so
// do ElMessage and ElMessageBox (the global config).
import type { App } from 'vue'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import {
  ElAlert, ElButton, ElDrawer, ElLoading, ElOption, ElSelect, provideGlobalConfig,
  ElCard, ElCheckbox, ElDescriptions, ElDescriptionsItem, ElDialog, ElForm, ElFormItem, ElInput, ElInputNumber,
  ElPagination, ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElStep, ElSteps, ElTabPane, ElTable,
  ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
} from 'element-plus'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/select/style/css'
import 'element-plus/es/components/card/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/progress/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/step/style/css'
import 'element-plus/es/components/steps/style/css'
import 'element-plus/es/components/tab-pane/style/css'
import 'element-plus/es/components/table/style/css'
import 'element-plus/es/components/table-column/style/css'
import 'element-plus/es/components/tabs/style/css'
import 'element-plus/es/components/tag/style/css'
import 'element-plus/es/components/timeline/style/css'
import 'element-plus/es/components/timeline-item/style/css'
import 'element-plus/es/components/message/style/css'

const components = [
  ElAlert, ElButton, ElDrawer, ElOption, ElSelect,
  ElCard, ElCheckbox, ElDescriptions, ElDescriptionsItem, ElDialog, ElForm, ElFormItem, ElInput, ElInputNumber,
  ElPagination, ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElStep, ElSteps, ElTabPane, ElTable,
  ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
]

export function register(app: App): void {
  provideGlobalConfig({ locale: zhCn }, app, true)
  for (const c of components) app.use(c)
  app.use(ElLoading)
}
