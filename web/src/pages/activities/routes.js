// The activities module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Reading } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { activities: Reading }

export default [
  page('activities', 'activities', () => import('./ActivitiesPage.vue')),
]
