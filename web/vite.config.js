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
    rollupOptions: {
      output: {
        // Vue and its router/i18n change rarely: keep them in a long-cached chunk of their own.
        manualChunks(id) {
          if (/node_modules\/(@vue|vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue'
          return undefined
        },
      },
    },
  },
})
