// The worker script of the pool. It runs one task per message it receives and answers each task with exactly
// one message, its result. A task is { id, op, value }:
//
//   square  replies value * value at once
//   wait    replies `${id} done`, but only when the grader broadcasts { release: id }
//   crash   throws: the worker dies with an uncaught error (an 'error' event, then 'exit' with code 1)
//   exit    calls process.exit(2): the worker ends without replying
//
// So that the grader can follow what runs where, the worker also broadcasts { event: 'start' | 'finish', id,
// thread } on the BroadcastChannel 'worker-pool-grader' when it starts a task and just before it replies.
import { BroadcastChannel, parentPort, threadId } from 'node:worker_threads';

const channel = new BroadcastChannel('worker-pool-grader');
const waiting = new Map();
channel.onmessage = ({ data }) => {
  const finish = waiting.get(data?.release);
  if (!finish) return;
  waiting.delete(data.release);
  finish();
};

parentPort.on('message', (task) => {
  channel.postMessage({ event: 'start', id: task.id, thread: threadId });
  const reply = (result) => {
    channel.postMessage({ event: 'finish', id: task.id, thread: threadId });
    parentPort.postMessage(result);
  };
  switch (task.op) {
    case 'square':
      reply(task.value * task.value);
      break;
    case 'wait':
      waiting.set(task.id, () => reply(`${task.id} done`));
      break;
    case 'crash':
      throw new Error(`task ${task.id} crashed its worker`);
    case 'exit':
      process.exit(2);
  }
});
