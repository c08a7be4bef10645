import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API, the control socket and the board socket live on the server at :3000.
const server = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      '/yjs': { target: server, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
