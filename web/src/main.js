import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import * as Icons from '@element-plus/icons-vue'
import App from './App.vue'
import router from './router'
import './styles.css'

const app = createApp(App)
app.use(ElementPlus, { locale: zhCn })
for (const [name, comp] of Object.entries(Icons)) app.component(name, comp)
app.use(router)
// A refused request the HTTP client has already shown as a message (`shown`) and a handler let go is not a fault of
// the page; anything else still goes to the console, where the browser tests look for script errors.
app.config.errorHandler = (err) => {
  if (!err?.shown) console.error(err)
}
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.shown) e.preventDefault()
})
app.mount('#app')
