// Stops the containers the global setup started, if any.
module.exports = async function globalTeardown() {
  for (const container of globalThis.__CASHOUT_CONTAINERS__ ?? []) await container.stop();
};
