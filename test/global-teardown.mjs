export default async function globalTeardown() {
  const server = globalThis.__upstashBridge;
  if (server) await new Promise((resolve) => server.close(() => resolve()));
}
