import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

// The build goes straight into Spring Boot's static resources, so the jar serves the UI at "/".
// `npm run dev` proxies /api to a locally running application (PORT 8091 by default here).
export default defineConfig({
  plugins: [vue()],
  base: './',
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) }
  },
  build: {
    outDir: fileURLToPath(new URL('../target/classes/static', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        manualChunks: {
          'element-plus': ['element-plus', '@element-plus/icons-vue'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
          vue: ['vue', 'vue-router', 'axios']
        }
      }
    }
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.GANXUN_API || 'http://localhost:8091', changeOrigin: false } }
  }
})
