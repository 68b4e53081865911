// Program 5: a CommonJS script with an async function. Ticks and promises are queued both by the script and
// by the code after the function's await.
async function job() {
  console.log('job starts');
  await null;
  console.log('job resumed');
  process.nextTick(() => console.log('tick from job'));
  Promise.resolve().then(() => console.log('promise from job'));
}

process.nextTick(() => console.log('tick from script'));
job();
console.log('sync');
