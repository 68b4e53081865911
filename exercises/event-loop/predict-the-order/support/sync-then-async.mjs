// Program 1: synchronous code, two microtasks and a timer.
console.log('sync 1');
setTimeout(() => console.log('timeout'), 0);
Promise.resolve().then(() => console.log('promise'));
console.log('sync 2');
queueMicrotask(() => console.log('microtask'));
console.log('sync 3');
