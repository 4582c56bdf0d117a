// The entities module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Shop } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { entities: Shop }

export default [
  page('entities', 'entities', () => import('./EntitiesPage.vue')),
  page('entities/:id(\\d+)', 'entity', () => import('./EntityDetailPage.vue'), 'entities', 'entities'),
]
