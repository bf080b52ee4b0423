// Forms the replica set rs0 of the three compose services on first start (idempotent), then waits
// until a primary is elected so that the API starts against a writable set.
const members = [
  { _id: 0, host: 'mongo1:27017' },
  { _id: 1, host: 'mongo2:27017' },
  { _id: 2, host: 'mongo3:27017' },
];
try {
  rs.status();
  print('replica set rs0 exists');
} catch (e) {
  if (e.codeName !== 'NotYetInitialized') throw e;
  rs.initiate({ _id: 'rs0', members });
  print('replica set rs0 initiated');
}
for (let i = 0; i < 60 && !db.hello().primary; i++) sleep(1000);
if (!db.hello().primary) throw new Error('no primary elected within 60 s');
print(`primary: ${db.hello().primary}`);
