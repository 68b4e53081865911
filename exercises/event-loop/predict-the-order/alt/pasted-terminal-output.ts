// Written after running each program: the terminal output is pasted as it was printed and split into lines,
// which the instructions allow once a prediction has been made.

const lines = (printed: string): string[] => printed.trim().split('\n');

export const syncThenAsync: string[] = lines(`
sync 1
sync 2
sync 3
promise
microtask
timeout
`);

export const microtasksBetweenTimers: string[] = lines(`
sync
timeout 1
timeout 1 done
promise from timeout 1
microtask from timeout 1
timeout 2
`);

export const nextTickInCommonjs: string[] = lines(`
sync
nextTick 1
nextTick 2
promise
`);

export const insideIoCallback: string[] = lines(`
sync
file read
immediate
timeout
`);

export const afterAnAwait: string[] = lines(`
job starts
sync
tick from script
job resumed
promise from job
tick from job
`);
