// The web UI's entry: Vue, Pinia, the router (Element Plus comes with the
// pages that use it: plugins/element.ts).  boot.ts first: its requests
// start before the rest of the code is evaluated.
import './boot'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { useElement } from './plugins/element'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { setUnauthorizedHandler } from './api/http'
import { useUserStore } from './stores/user'

const app = createApp(App)
app.use(createPinia())
app.use(router)
useElement(app)
setUnauthorizedHandler(() => {
  useUserStore().forget()
  if (router.currentRoute.value.name !== 'login') router.push({ name: 'login' })
})
app.mount('#app')
