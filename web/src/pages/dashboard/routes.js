// The dashboard module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { DataAnalysis } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { dashboard: DataAnalysis }

export default [
  page('dashboard', 'dashboard', () => import('./DashboardPage.vue')),
]
