export default async function globalTeardown() {
  globalThis.__upstashBridge?.kill();
}
