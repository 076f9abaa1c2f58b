// The web UI's entry: Vue, Pinia, the router and Element Plus in Chinese.
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { setUnauthorizedHandler } from './api/http'
import { useUserStore } from './stores/user'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.use(ElementPlus, { locale: zhCn })
setUnauthorizedHandler(() => {
  useUserStore().forget()
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login' })
})
app.mount('#app')
