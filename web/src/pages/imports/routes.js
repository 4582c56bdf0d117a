// The imports module's pages in the app (router/index.js collects every pages/*/routes.js) and its
// menu icon (the menu itself is the server's: GET /me `modules`).
import { Upload } from '@element-plus/icons-vue'
import { page } from '../../router/page.js'

export const icons = { imports: Upload }

export default [
  page('imports', 'imports', () => import('./ImportsPage.vue')),
]
