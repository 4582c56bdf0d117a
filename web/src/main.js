import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import ElementPlusParts from './plugins/element.js'
import { i18n } from './i18n/index.js'
import { router } from './router/index.js'

const app = createApp(App)
app.use(i18n)
app.use(ElementPlusParts)
app.use(router)
app.mount('#app')
