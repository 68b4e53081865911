// Is killed by a signal before replying, as if the system had killed it (the out-of-memory killer, say).
process.on('message', () => process.kill(process.pid, 'SIGKILL'));
