// Program 3: a CommonJS script (note the .cjs extension). The promise is scheduled first.
Promise.resolve().then(() => console.log('promise'));
process.nextTick(() => {
  console.log('nextTick 1');
  process.nextTick(() => console.log('nextTick 2'));
});
console.log('sync');
