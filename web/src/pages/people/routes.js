// The people module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Postcard } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { people: Postcard }

export default [
  page('people', 'people', () => import('./PeoplePage.vue')),
  page('people/:id(\\d+)', 'person', () => import('./PersonDetailPage.vue'), 'people', 'people'),
]
