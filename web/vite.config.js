import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Fenggui web front end. `npm run dev` serves on :5173 and forwards /api to the C++ server.
export default defineConfig({
  plugins: [vue()],
  define: {
    // vue-i18n: composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // The ECharts chunk (bar + line charts, tree-shaken) is ~555 kB and loads only with the dashboard.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      output: {
        // Vue and its router/i18n change rarely: keep them in a long-cached chunk of their own.
        manualChunks(id) {
          if (/node_modules\/(@vue|vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue'
          // ECharts is only needed by the dashboard: its own chunk, loaded with that page.
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts'
          return undefined
        },
      },
    },
  },
})
