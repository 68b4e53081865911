// Program 2: two timers, and microtasks queued by the first one.
setTimeout(() => {
  console.log('timeout 1');
  Promise.resolve().then(() => console.log('promise from timeout 1'));
  queueMicrotask(() => console.log('microtask from timeout 1'));
  console.log('timeout 1 done');
}, 0);
setTimeout(() => console.log('timeout 2'), 0);
console.log('sync');
