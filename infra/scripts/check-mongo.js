'use strict';
// Health check of the local MongoDB-compatible server (FerretDB here): `ping` must answer ok.
// Exit code 0 when healthy, 1 otherwise (the reason on stderr). Used by infra/local/up.sh.
const { MongoClient } = require('mongodb');

const url = process.env.MONGO_URL || 'mongodb://127.0.0.1:27027/cashout';

async function main() {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
  try {
    await client.connect();
    const reply = await client.db().command({ ping: 1 });
    if (reply.ok !== 1) throw new Error(`ping answered ${JSON.stringify(reply)}`);
  } finally {
    await client.close().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`mongo not healthy at ${url}: ${err.message}\n`);
    process.exit(1);
  },
);
