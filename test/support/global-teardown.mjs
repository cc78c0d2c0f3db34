export default async function globalTeardown() {
  await globalThis.__MONGO_ENGINE__?.stop();
}
