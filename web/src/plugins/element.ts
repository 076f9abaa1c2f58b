// Element Plus, only the components the pages use (a smaller first load
// than the whole library), registered globally; Chinese through the
// config provider in App.vue.
import type { App } from 'vue'
import {
  ElAlert, ElButton, ElCard, ElCheckbox, ElConfigProvider, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDrawer, ElForm, ElFormItem, ElIcon, ElInput, ElInputNumber, ElLoading, ElMenu, ElMenuItem, ElOption,
  ElPagination, ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElSelect, ElStep, ElSteps, ElTabPane,
  ElTable, ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
} from 'element-plus'
import 'element-plus/es/components/alert/style/css'
import 'element-plus/es/components/button/style/css'
import 'element-plus/es/components/card/style/css'
import 'element-plus/es/components/checkbox/style/css'
import 'element-plus/es/components/config-provider/style/css'
import 'element-plus/es/components/descriptions/style/css'
import 'element-plus/es/components/descriptions-item/style/css'
import 'element-plus/es/components/dialog/style/css'
import 'element-plus/es/components/drawer/style/css'
import 'element-plus/es/components/form/style/css'
import 'element-plus/es/components/form-item/style/css'
import 'element-plus/es/components/icon/style/css'
import 'element-plus/es/components/input/style/css'
import 'element-plus/es/components/input-number/style/css'
import 'element-plus/es/components/loading/style/css'
import 'element-plus/es/components/menu/style/css'
import 'element-plus/es/components/menu-item/style/css'
import 'element-plus/es/components/option/style/css'
import 'element-plus/es/components/pagination/style/css'
import 'element-plus/es/components/progress/style/css'
import 'element-plus/es/components/radio-button/style/css'
import 'element-plus/es/components/radio-group/style/css'
import 'element-plus/es/components/result/style/css'
import 'element-plus/es/components/select/style/css'
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
  ElAlert, ElButton, ElCard, ElCheckbox, ElConfigProvider, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDrawer, ElForm, ElFormItem, ElIcon, ElInput, ElInputNumber, ElMenu, ElMenuItem, ElOption, ElPagination,
  ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElSelect, ElStep, ElSteps, ElTabPane, ElTable,
  ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
]

export function useElement(app: App): void {
  for (const c of components) app.use(c)
  app.use(ElLoading)
}
